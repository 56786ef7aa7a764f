// JSON files as people read them: two-space indentation and a final newline.

export function toPrettyJson(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}
