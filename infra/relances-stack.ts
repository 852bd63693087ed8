import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { Aggregates } from './constructs/aggregates.js';
import { Api } from './constructs/api.js';
import { Auth } from './constructs/auth.js';
import { Email } from './constructs/email.js';
import { Imports } from './constructs/imports.js';
import { ThankYou } from './constructs/thank-you.js';
import { Monitoring } from './constructs/monitoring.js';
import { Notifications } from './constructs/notifications.js';
import { PortalSecret } from './constructs/portal-secret.js';
import { Reminders } from './constructs/reminders.js';
import { Storage } from './constructs/storage.js';
import { Web } from './constructs/web.js';

export interface RelancesStackProps extends StackProps {
  /** From address of invoices and reminders (context `relances:senderEmail`); a verified SES identity. */
  readonly senderEmail: string;
  /** Extra browser origins (context `relances:allowedOrigins`, optional); the web app's own origin is always added. */
  readonly allowedOrigins: readonly string[];
  /** The built web app (web/dist); infra/app.ts builds it when missing. */
  readonly webAssetDir: string;
  /**
   * Who receives the alarms (context `relances:operatorEmail`); SNS asks them to confirm once. Absent: the alarms
   * go to a topic nobody is subscribed to, and synth warns about it (Monitoring).
   */
  readonly operatorEmail?: string | undefined;
}

/** The whole product: data, identity, API, email, the reminder engine and the web app. */
export class RelancesStack extends Stack {
  readonly storage: Storage;
  readonly auth: Auth;
  readonly email: Email;
  readonly api: Api;
  readonly reminders: Reminders;
  readonly web: Web;
  readonly aggregates: Aggregates;
  readonly notifications: Notifications;
  readonly imports: Imports;
  readonly thankYou: ThankYou;
  readonly monitoring: Monitoring;
  readonly portalSecret: PortalSecret;

  constructor(scope: Construct, id: string, props: RelancesStackProps) {
    super(scope, id, props);

    this.storage = new Storage(this, 'Storage');
    const { table } = this.storage;
    this.auth = new Auth(this, 'Auth');
    this.email = new Email(this, 'Email', { senderEmail: props.senderEmail, storage: this.storage });
    this.web = new Web(this, 'Web', { assetDir: props.webAssetDir, auth: this.auth });
    this.portalSecret = new PortalSecret(this, 'PortalSecret');
    this.api = new Api(this, 'Api', {
      storage: this.storage,
      auth: this.auth,
      email: this.email,
      // The web app's own origin, plus any other front end of the context.
      allowedOrigins: [...props.allowedOrigins, this.web.url],
      webBaseUrl: this.web.url,
      portalSecret: this.portalSecret,
    });
    this.web.publish({ apiUrl: this.api.httpApi.apiEndpoint });
    this.reminders = new Reminders(this, 'Reminders', { storage: this.storage, email: this.email, webBaseUrl: this.web.url, portalSecret: this.portalSecret });
    this.aggregates = new Aggregates(this, 'Aggregates', { storage: this.storage });
    this.notifications = new Notifications(this, 'Notifications', { storage: this.storage, email: this.email, reminders: this.reminders, webBaseUrl: this.web.url });
    this.imports = new Imports(this, 'Imports', { storage: this.storage });
    this.thankYou = new ThankYou(this, 'ThankYou', { storage: this.storage, email: this.email });
    // Last: it watches every function and dead-letter queue created above.
    this.monitoring = new Monitoring(this, 'Monitoring', { operatorEmail: props.operatorEmail, httpApi: this.api.httpApi });

    new CfnOutput(this, 'TableName', { value: table.tableName });
    new CfnOutput(this, 'UserPoolId', { value: this.auth.userPool.userPoolId });
    new CfnOutput(this, 'UserPoolClientId', { value: this.auth.userPoolClient.userPoolClientId });

  }
}
