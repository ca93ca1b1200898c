import { escapeMarkup as x } from './escape.js';

/** No script may run in a report page at all, and it loads nothing: everything interactive is plain anchors and `<details>`. */
export const reportContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";

/** A whole self-contained report page: `title` is escaped here, `style` and `body` are trusted markup. */
export function htmlPage(title: string, style: string, body: string): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${reportContentSecurityPolicy}">
<meta name="viewport" content="width=device-width,initial-scale=1">
<title>${x(title)}</title>
<style>${style}</style>
</head>
<body>
${body}
</body>
</html>
`;
}
