import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { NagSuppressions } from 'cdk-nag';
import { Construct } from 'constructs';
import type { RelancesFunction } from './relances-function.js';

/**
 * The client-portal secret (docs/adr/0002-stable-portal-links.md): each invoice's portal token is
 * an HMAC of this secret, so every email of an invoice carries the same link and a reminder writes
 * no new token. Only the functions that issue links may read it (`PORTAL_SECRET_ARN`).
 */
export class PortalSecret extends Construct {
  readonly secret: Secret;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.secret = new Secret(this, 'Secret', {
      description: 'Relances client portal: key the portal link of each invoice is derived from (HMAC-SHA256)',
      // 64 letters and digits: ~380 bits, plain text (the functions read SecretString as the key).
      generateSecretString: { passwordLength: 64, excludePunctuation: true, includeSpace: false },
    });
    NagSuppressions.addResourceSuppressions(this.secret, [
      {
        id: 'AwsSolutions-SMG4',
        reason:
          'The portal key only derives new links; links already sent are stored by hash and keep working whatever the key becomes. Rotating it (by hand, a new value) just gives the next emails new links, so automatic rotation would only churn links and buy nothing: a leaked link is revoked per invoice.',
      },
    ]);
  }

  /** Lets `fn` issue stable links: the secret's ARN as PORTAL_SECRET_ARN and read access to it. */
  grantIssue(fn: RelancesFunction): void {
    fn.addEnvironment('PORTAL_SECRET_ARN', this.secret.secretArn);
    this.secret.grantRead(fn);
  }
}
