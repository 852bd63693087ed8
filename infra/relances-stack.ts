import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { Aggregates } from './constructs/aggregates.js';
import { Api } from './constructs/api.js';
import { Auth } from './constructs/auth.js';
import { Email } from './constructs/email.js';
import { Reminders } from './constructs/reminders.js';
import { Storage } from './constructs/storage.js';

export interface RelancesStackProps extends StackProps {
  /** From address of invoices and reminders (context `relances:senderEmail`); a verified SES identity. */
  readonly senderEmail: string;
  /** Browser origins of the front end (context `relances:allowedOrigins`, comma-separated). */
  readonly allowedOrigins: readonly string[];
}

/** The whole back end: data, identity, API, email and the reminder engine. */
export class RelancesStack extends Stack {
  readonly storage: Storage;
  readonly auth: Auth;
  readonly email: Email;
  readonly api: Api;
  readonly reminders: Reminders;
  readonly aggregates: Aggregates;

  constructor(scope: Construct, id: string, props: RelancesStackProps) {
    super(scope, id, props);

    this.storage = new Storage(this, 'Storage');
    const { table } = this.storage;
    this.auth = new Auth(this, 'Auth');
    this.email = new Email(this, 'Email', { senderEmail: props.senderEmail, storage: this.storage });
    this.api = new Api(this, 'Api', {
      storage: this.storage,
      auth: this.auth,
      email: this.email,
      allowedOrigins: props.allowedOrigins,
    });
    this.reminders = new Reminders(this, 'Reminders', { storage: this.storage, email: this.email });
    this.aggregates = new Aggregates(this, 'Aggregates', { storage: this.storage });

    new CfnOutput(this, 'TableName', { value: table.tableName });
    new CfnOutput(this, 'UserPoolId', { value: this.auth.userPool.userPoolId });
    new CfnOutput(this, 'UserPoolClientId', { value: this.auth.userPoolClient.userPoolClientId });

  }
}
