/** HTML escaping for everything the sandbox renders; no value reaches a page unescaped. */
const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
  '`': '&#96;',
};

export function escapeHtml(value: unknown): string {
  const text =
    value === null || value === undefined
      ? ''
      : typeof value === 'string'
        ? value
        : JSON.stringify(value);
  return text.replace(/[&<>"'`]/g, (c) => ENTITIES[c]);
}

/** Tagged template that escapes every interpolation except values built by `html` itself. */
export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

export function html(strings: TemplateStringsArray, ...values: unknown[]): SafeHtml {
  let out = strings[0];
  values.forEach((v, i) => {
    out += render(v) + strings[i + 1];
  });
  return new SafeHtml(out);
}

function render(v: unknown): string {
  if (v instanceof SafeHtml) return v.value;
  if (Array.isArray(v)) return v.map(render).join('');
  return escapeHtml(v);
}

export function page(title: string, body: SafeHtml): string {
  return html`<!doctype html>
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <title>${title}</title>
        <style>
          body {
            font-family: system-ui, sans-serif;
            margin: 1.5rem;
            color: #1f2d3d;
          }
          table {
            border-collapse: collapse;
            margin: 0.5rem 0 1.5rem;
          }
          td,
          th {
            border: 1px solid #cbd6e2;
            padding: 0.25rem 0.5rem;
            text-align: left;
            vertical-align: top;
            font-size: 0.85rem;
          }
          th {
            background: #f5f8fa;
          }
          code {
            font-size: 0.8rem;
          }
          .fail {
            color: #b3261e;
          }
          .ok {
            color: #1e7b34;
          }
        </style>
      </head>
      <body>
        ${body}
      </body>
    </html>`.value;
}
