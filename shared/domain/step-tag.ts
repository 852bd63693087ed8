/**
 * SES tag values hold only `[A-Za-z0-9_-.@]`: a step id's `+` (`j+1`) travels as `@`, which no step id
 * contains (ids are letters, digits, `-`, `_`, `.` and `+`), and comes back as `+`. Before this, `j+1`
 * came back from SES as `j_1`, a step the invoice does not have.
 */
export const stepTagValue = (stepId: string): string => stepId.replace(/\+/g, '@');
export const stepIdFromTag = (value: string): string => value.replace(/@/g, '+');
