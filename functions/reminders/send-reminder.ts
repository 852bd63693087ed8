// Placeholder so the CDK stack can reference this entry; the real handler lands with the reminder engine (issue 3).
export const handler = async (): Promise<void> => {
  throw new Error('not implemented yet');
};
