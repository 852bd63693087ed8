import {
  ConflictException,
  CreateScheduleCommand,
  DeleteScheduleCommand,
  GetScheduleCommand,
  ListSchedulesCommand,
  ResourceNotFoundException,
  UpdateScheduleCommand,
  type CreateScheduleCommandInput,
  type SchedulerClient,
} from '@aws-sdk/client-scheduler';
import type { RecurringScheduleDefinition, RecurringScheduler, ReminderScheduler, ScheduleDefinition, ScheduleSummary } from '../../app/ports.js';

export interface EventBridgeReminderSchedulerProps {
  readonly groupName: string;
  /** The send-reminder function. */
  readonly targetArn: string;
  /** Role the Scheduler assumes to invoke the target (may only invoke that function). */
  readonly roleArn: string;
  readonly deadLetterArn?: string;
  /** The send-overview function, target of the recurring daily-overview schedules. */
  readonly overviewTargetArn?: string;
}

/**
 * One one-time schedule per reminder step. Create treats "already exists with the same
 * definition" as done, delete treats "not found" as done: the reconciler can run any number
 * of times (the stream delivers at least once) with the same result.
 */
export class EventBridgeReminderScheduler implements ReminderScheduler, RecurringScheduler {
  constructor(
    private readonly client: SchedulerClient,
    private readonly props: EventBridgeReminderSchedulerProps,
  ) {}

  async list(namePrefix: string): Promise<ScheduleSummary[]> {
    const out: ScheduleSummary[] = [];
    let NextToken: string | undefined;
    do {
      const page = await this.client.send(
        new ListSchedulesCommand({ GroupName: this.props.groupName, NamePrefix: namePrefix, MaxResults: 100, NextToken }),
      );
      for (const s of page.Schedules ?? []) if (s.Name) out.push({ name: s.Name });
      NextToken = page.NextToken;
    } while (NextToken);
    return out;
  }

  async create(definition: ScheduleDefinition): Promise<void> {
    await this.createOrUpdate(this.toInput(definition));
  }

  /** The tenant's daily overview: created the first time, updated when its hour or zone changes. */
  async putRecurring(definition: RecurringScheduleDefinition): Promise<void> {
    if (!this.props.overviewTargetArn) throw new Error('EventBridgeReminderScheduler: no overviewTargetArn for recurring schedules');
    await this.createOrUpdate({
      Name: definition.name,
      GroupName: this.props.groupName,
      ScheduleExpression: definition.cron,
      ScheduleExpressionTimezone: definition.timeZone,
      FlexibleTimeWindow: { Mode: 'OFF' },
      State: 'ENABLED',
      Description: definition.description?.slice(0, 512),
      Target: {
        Arn: this.props.overviewTargetArn,
        RoleArn: this.props.roleArn,
        Input: JSON.stringify({ ...definition.input, scheduledTime: '<aws.scheduler.scheduled-time>' }),
        // A day's overview is stale by the evening: retried for a few hours, then dropped to the DLQ.
        RetryPolicy: { MaximumEventAgeInSeconds: 4 * 3600, MaximumRetryAttempts: 10 },
        ...(this.props.deadLetterArn ? { DeadLetterConfig: { Arn: this.props.deadLetterArn } } : {}),
      },
    });
  }

  private async createOrUpdate(input: CreateScheduleCommandInput): Promise<void> {
    try {
      await this.client.send(new CreateScheduleCommand(input));
    } catch (error) {
      if (!(error instanceof ConflictException)) throw error;
      const existing = await this.client.send(new GetScheduleCommand({ Name: input.Name, GroupName: this.props.groupName }));
      const same =
        existing.ScheduleExpression === input.ScheduleExpression &&
        existing.ScheduleExpressionTimezone === input.ScheduleExpressionTimezone &&
        existing.Target?.Input === input.Target?.Input;
      if (!same) await this.client.send(new UpdateScheduleCommand(input));
    }
  }

  async delete(name: string): Promise<void> {
    try {
      await this.client.send(new DeleteScheduleCommand({ Name: name, GroupName: this.props.groupName }));
    } catch (error) {
      if (!(error instanceof ResourceNotFoundException)) throw error;
    }
  }

  private toInput(d: ScheduleDefinition): CreateScheduleCommandInput {
    return {
      Name: d.name,
      GroupName: this.props.groupName,
      ScheduleExpression: `at(${d.localTime})`,
      ScheduleExpressionTimezone: d.timeZone,
      FlexibleTimeWindow: { Mode: 'OFF' },
      ActionAfterCompletion: 'DELETE',
      State: 'ENABLED',
      Description: d.description?.slice(0, 512),
      Target: {
        Arn: this.props.targetArn,
        RoleArn: this.props.roleArn,
        // Ids only: the handler re-reads the invoice when it fires. The placeholder gives it the planned instant.
        Input: JSON.stringify({ ...d.input, scheduledTime: '<aws.scheduler.scheduled-time>' }),
        RetryPolicy: { MaximumEventAgeInSeconds: 6 * 3600, MaximumRetryAttempts: 20 },
        ...(this.props.deadLetterArn ? { DeadLetterConfig: { Arn: this.props.deadLetterArn } } : {}),
      },
    };
  }
}
