/**
 * An attachment's name is a file name, not a path nor a header: names come from invoice numbers, and an
 * imported invoice keeps the number it was given (`FA 2026/001`, a line break, `../x`). Line breaks,
 * slashes and the characters no file system takes (`\\ : * ? " < > |`) become `_`. The SES adapter names
 * the files so; a reminder's preview, answer and `reminder.sent` event name them as the client receives them.
 */
export const attachmentFileName = (name: string): string => name.replace(/[\u0000-\u001f\u007f/\\:*?"<>|]+/g, '_').trim() || 'document.pdf';
