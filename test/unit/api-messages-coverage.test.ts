/**
 * Every message the API can answer (problem+json `detail` and `errors[].message`, written in
 * English for developers) has words for a French user in web/src/lib/api-messages.ts: a message
 * missing there reaches a French artisan in English. The messages are read from the source with
 * the TypeScript parser: the text given to the error classes of shared/app/errors.ts (and any
 * other class extending AppError), every `{ path, message }`, and the zod schemas' own messages
 * (`{ message }` / `{ error }` options, `ctx.addIssue`). A template literal (`${…}`) is followed
 * through the constants, object tables and functions it names (`No reminder can be sent: ${block}`
 * with each text `manualBlock` returns) and through a parameter to its default and what callers pass
 * (`requireOpen(invoice, 'stop')`); what stays unknown (a count, a date, an id) gets a sample value,
 * so the pattern that says it must read it. Then zod's own messages (`Too big: expected string to
 * have <=200 characters`) are met by probing each schema of the route table with bad values.
 *
 * When it fails: add the message to web/src/lib/api-messages.ts (FR map, or a pattern for one with
 * figures), or, for a message no screen can meet, to ALLOWED below with the reason.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import type * as z from 'zod';
import { INVOICE_STATUSES } from '../../shared/domain/invoice.js';
import type { QuoteStatus } from '../../shared/domain/quote-types.js';
import { zodFieldErrors } from '../../shared/http/problem.js';
import { routeList } from '../../shared/http/routes.js';

type Lang = 'fr' | 'en';
// Loaded at run time: the web app's files are type-checked by web/tsconfig.json (bundler resolution), not by this project's.
const WEB_MESSAGES = '../../web/src/lib/api-messages.ts';
const { apiMessage } = (await import(/* @vite-ignore */ WEB_MESSAGES)) as { apiMessage: (message: string, lang: Lang) => string };

const ROOT = join(import.meta.dirname, '../..');
const SCANNED = ['shared', 'functions'];

/**
 * Messages left in English on purpose, by their source text (`${…}` for what varies), each with why.
 * Keep it short: a message a screen can meet belongs in api-messages.ts.
 */
const ALLOWED: Record<string, string> = {
  'is not a cursor of this list': 'a list cursor is the API’s own opaque token: only a hand-made URL can be refused',
  'is not a cursor': 'a list cursor is the API’s own opaque token: only a hand-made URL can be refused',
  'The token carries no tenant': 'a 401 sends the user back to sign in: its text is never shown',
  'Route ${…} not found': 'the web app only calls routes that exist (an unknown route is an API developer’s typo)',
  'is not a known parameter; this route takes ${…}': 'query parameters come from the typed client (web/src/api/schema.d.ts), never from the user',
  'is not a known parameter; this route takes none': 'query parameters come from the typed client (web/src/api/schema.d.ts), never from the user',
  'is not a known field': 'request bodies come from the typed client (web/src/api/schema.d.ts), never from the user',
  'must be application/json': 'the web app’s client sets the content type itself',
  'must be text/csv (or application/octet-stream for the file as is) or application/json': 'the web app’s client sets the content type itself',
  'is not valid JSON': 'the web app’s client writes the JSON itself',
  'must be empty': 'the web app’s client sends no body where a route takes none',
  'must be an id': 'ids in paths and bodies are the ones the API gave the web app, never typed by the user',
  'must be 1-128 visible ASCII characters': 'the Idempotency-Key header is a UUID the web app makes itself',
  'Aggregates of invoice ${…} kept changing; the stream will retry': 'thrown in the DynamoDB stream handler, never in an HTTP answer',
  'unknown variables: ${…}': 'the template editor says it itself, with its own hint (template-screen.tsx); no screen sends a free subject or body to a client',
};

/** Error classes whose constructor's text is not simply the caller's detail. */
const DETAIL_ARGUMENT: Record<string, number | 'not-found' | 'none'> = {
  // (A class with a constructor names its `detail` parameter: found by itself. These say more.)
  NotFoundError: 'not-found',
  // Its detail repeats its field errors (collected one by one); the web app says "check the fields".
  ValidationError: 'none',
  // 5xx: the web app says a plain "something went wrong" of its own, never the API's text.
  BusyError: 'none',
  UpstreamError: 'none',
};

/** Producers whose texts reach the user after a transformation the scan cannot follow. */
const PRODUCERS: { fn: string; reshape: (text: string) => string }[] = [
  // validateScenario pushes `step N (id): problem`; shared/app/reminders/scenarios.ts names the step's field and keeps the problem.
  { fn: 'validateScenario', reshape: (text) => text.replace(/^step [^:]*?\): /, '') },
];

/** A sample for a part the scan cannot know, chosen by how the source names it (and what the message is about). */
const SAMPLES: [RegExp, (message: string) => string][] = [
  [/^refusals\.join/, () => 'template "relance" mentions penalties or the €40 indemnity (taux des pénalités): it cannot be sent to a consumer (CPCE L111-8)'],
  [/^reach$/, () => 'is the scenario of consumer client(s) "Martin"'],
  [/^what$/, () => 'pause'],
  [/found\.flatMap|mentions\.join/, () => 'penalties, €40'],
  [/CHANNELS/, () => 'email, sms, letter'],
  [/VAT_RATES/, () => '0, 2.1, 5.5, 10, 20'],
  [/\.join\(|unknown|names\b/, () => '{{total}}'],
  [/status|state\b/, (m) => (/quote/i.test(m) ? 'refused' : /step/i.test(m) ? 'sent' : 'cancelled')],
  [/cents|balance|sum\b|total|amount|difference|already/i, () => '43900'],
  [/addDays|today|date|latest|until|from\b|previous/i, () => '2026-12-10'],
  [/days/i, () => '3'],
  [/tracking/i, () => '1A23456789'],
  [/max|length|count|rows|\bi\b|index|line|first/i, () => '3'],
  [/id\b|Id\b|number|name|templateId/i, () => 'relance-1'],
];

// ————————————————————————————— the scan —————————————————————————————

/** A part of a message: its own text, a text it was given (`${what}` → `pause`), or a hole for what is known only at run time. */
type Part = string | { sub: string } | { hole: string };
const textOf = (p: Part): string | undefined => (typeof p === 'string' ? p : 'sub' in p ? p.sub : undefined);
type Variant = Part[];
interface Found {
  readonly file: string;
  readonly line: number;
  readonly variant: Variant;
  readonly reshape?: (text: string) => string;
}

const tsFiles = (dir: string): string[] =>
  readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? tsFiles(join(dir, e.name)) : e.name.endsWith('.ts') && !e.name.endsWith('.d.ts') ? [join(dir, e.name)] : [],
  );

const sources = SCANNED.flatMap(tsFiles).map((file) => ts.createSourceFile(file, readFileSync(join(ROOT, file), 'utf8'), ts.ScriptTarget.ES2022, true));

/** Top-level `const X = …` and `function X` of every scanned file, by name (the imports a message names). */
const topLevel = new Map<string, ts.Node>();
for (const sf of sources) {
  for (const st of sf.statements) {
    if (ts.isVariableStatement(st)) for (const d of st.declarationList.declarations) if (ts.isIdentifier(d.name) && d.initializer) topLevel.set(d.name.text, d.initializer);
    if (ts.isFunctionDeclaration(st) && st.name) topLevel.set(st.name.text, st);
  }
}

/** Whether a parameter or destructuring names `name`. */
const binds = (pattern: ts.BindingName, name: string): boolean =>
  ts.isIdentifier(pattern) ? pattern.text === name : pattern.elements.some((e) => !ts.isOmittedExpression(e) && binds(e.name, name));
const UNKNOWN = ts.factory.createIdentifier('unknown');

/** The initializer of the `const name` visible from `at`: the closest enclosing scope first, then any file's top level. */
const declarationOf = (name: string, at: ts.Node): ts.Node | undefined => {
  for (let scope: ts.Node | undefined = at.parent; scope; scope = scope.parent) {
    if (!(ts.isBlock(scope) || ts.isSourceFile(scope) || ts.isFunctionLike(scope))) continue;
    // A parameter (`(message = '…') => …`): its default and what callers pass, never a constant of the same name elsewhere.
    if (ts.isFunctionLike(scope)) {
      const parameter = scope.parameters.find((p) => binds(p.name, name));
      if (parameter) return ts.isIdentifier(parameter.name) ? parameter : undefined;
    }
    let found: ts.Node | undefined;
    const visit = (n: ts.Node): void => {
      if (found) return;
      if (n !== scope && (ts.isFunctionLike(n) || ts.isBlock(n)) && !(n.pos <= at.pos && at.end <= n.end)) return;
      if (ts.isVariableDeclaration(n) && ts.isIdentifier(n.name) && n.name.text === name && n.initializer && n.end <= at.pos) found = n.initializer;
      // `const { id } = …`: unknown here, stop looking further out.
      if (ts.isVariableDeclaration(n) && !ts.isIdentifier(n.name) && binds(n.name, name) && n.end <= at.pos) found = UNKNOWN;
      if (ts.isFunctionDeclaration(n) && n.name?.text === name) found = n;
      ts.forEachChild(n, visit);
    };
    ts.forEachChild(scope, visit);
    if (found === UNKNOWN) return undefined;
    if (found) return found;
  }
  return topLevel.get(name);
};

/** The name a function is called by: its own, or the `const` it is assigned to. */
const functionName = (fn: ts.SignatureDeclaration): string | undefined =>
  ts.isFunctionDeclaration(fn) ? fn.name?.text : ts.isVariableDeclaration(fn.parent) && ts.isIdentifier(fn.parent.name) ? fn.parent.name.text : undefined;

/** Every call of a function by its name (`invalidCursor('is not a cursor')`), across the scanned files. */
const calls = new Map<string, ts.CallExpression[]>();
for (const sf of sources) {
  ts.forEachChild(sf, function visit(n): void {
    if (ts.isCallExpression(n) && ts.isIdentifier(n.expression)) calls.set(n.expression.text, [...(calls.get(n.expression.text) ?? []), n]);
    ts.forEachChild(n, visit);
  });
}
const callsTo = (name: string | undefined): ts.CallExpression[] => (name ? (calls.get(name) ?? []) : []);

/** The texts a function gives back (`return …`, or an arrow's expression), not those of functions nested in it. */
const returnedBy = (fn: ts.Node): ts.Expression[] => {
  if (!ts.isFunctionLike(fn)) return [];
  const body = (fn as ts.FunctionLikeDeclaration).body;
  if (!body) return [];
  if (!ts.isBlock(body)) return [body];
  const out: ts.Expression[] = [];
  const visit = (n: ts.Node): void => {
    if (ts.isFunctionLike(n)) return;
    if (ts.isReturnStatement(n) && n.expression) out.push(n.expression);
    ts.forEachChild(n, visit);
  };
  ts.forEachChild(body, visit);
  return out;
};

const MAX_VARIANTS = 64;
const product = (a: Variant[], b: Variant[]): Variant[] => a.flatMap((x) => b.map((y) => [...x, ...y])).slice(0, MAX_VARIANTS);

/** Every text `e` can be: literal parts, and holes for what is only known at run time. `[]` when it is never a text (undefined). */
const texts = (e: ts.Expression, depth = 0): Variant[] => {
  const hole = (): Variant[] => [[{ hole: e.getText() }]];
  if (depth > 6) return hole();
  if (ts.isStringLiteral(e) || ts.isNoSubstitutionTemplateLiteral(e)) return [[e.text]];
  if (ts.isNumericLiteral(e)) return [[String(Number(e.text.replace(/_/g, '')))]];
  if (ts.isPrefixUnaryExpression(e) && e.operator === ts.SyntaxKind.MinusToken && ts.isNumericLiteral(e.operand)) return [[String(-Number(e.operand.text.replace(/_/g, '')))]];
  if (ts.isParenthesizedExpression(e) || ts.isAsExpression(e) || ts.isNonNullExpression(e) || ts.isSatisfiesExpression(e) || ts.isAwaitExpression(e)) return texts(e.expression, depth);
  if (ts.isIdentifier(e)) {
    if (e.text === 'undefined') return [];
    const declared = declarationOf(e.text, e);
    if (!declared) return hole();
    if (ts.isParameter(declared)) {
      const fn = declared.parent;
      const index = fn.parameters.indexOf(declared);
      const passed = [...(declared.initializer ? [declared.initializer] : []), ...callsTo(functionName(fn)).flatMap((call) => call.arguments[index] ?? [])];
      const out = passed.flatMap((arg) => texts(arg, depth + 1)).slice(0, MAX_VARIANTS);
      return out.length > 0 ? out : hole();
    }
    if (ts.isFunctionLike(declared)) return hole();
    return texts(declared as ts.Expression, depth + 1);
  }
  if (ts.isTemplateExpression(e)) {
    let out: Variant[] = [[e.head.text]];
    for (const span of e.templateSpans) {
      const inner = texts(span.expression, depth + 1).map((v) => v.map((p): Part => (typeof p === 'string' ? { sub: p } : p)));
      out = product(product(out, inner.length > 0 ? inner : [[{ hole: span.expression.getText() }]]), [[span.literal.text]]);
    }
    return out;
  }
  if (ts.isConditionalExpression(e)) return [...texts(e.whenTrue, depth + 1), ...texts(e.whenFalse, depth + 1)];
  if (ts.isBinaryExpression(e)) {
    const op = e.operatorToken.kind;
    // A text joined to another (`'a' + b`); a sum of numbers (`already + totals.grossCents`) is one unknown.
    if (op === ts.SyntaxKind.PlusToken) {
      const [left, right] = [texts(e.left, depth + 1), texts(e.right, depth + 1)];
      const isText = (side: Variant[]) => side.some((v) => v.some((p) => textOf(p) !== undefined && !/^-?\d+$/.test(textOf(p)!)));
      return isText(left) || isText(right) ? product(left, right) : hole();
    }
    if (op === ts.SyntaxKind.QuestionQuestionToken || op === ts.SyntaxKind.BarBarToken) return [...texts(e.left, depth + 1), ...texts(e.right, depth + 1)];
    return hole();
  }
  // A table of words (`CLOSED_WORDS[invoice.status]`): each of its texts.
  if (ts.isElementAccessExpression(e) && ts.isIdentifier(e.expression)) {
    const table = declarationOf(e.expression.text, e);
    const object = table && (ts.isAsExpression(table) || ts.isSatisfiesExpression(table) ? table.expression : table);
    if (object && ts.isObjectLiteralExpression(object)) {
      const values = object.properties.flatMap((p) => (ts.isPropertyAssignment(p) ? texts(p.initializer, depth + 1) : []));
      if (values.length > 0) return values;
    }
    return hole();
  }
  // A function of the code base that says why (`manualBlock(ctx)`, `promiseDateProblem(…)`): each text it returns.
  if (ts.isCallExpression(e) && ts.isIdentifier(e.expression)) {
    const fn = declarationOf(e.expression.text, e);
    if (fn && ts.isFunctionLike(fn)) {
      const returned = returnedBy(fn).flatMap((r) => texts(r, depth + 1));
      if (returned.length > 0 && returned.every((v) => v.some((p) => /[a-z]{2}/i.test(textOf(p) ?? '')))) return returned;
    }
    return hole();
  }
  return hole();
};

const propertyOf = (o: ts.ObjectLiteralExpression, name: string): ts.Expression | undefined => {
  for (const p of o.properties) {
    if (ts.isPropertyAssignment(p) && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name)) && p.name.text === name) return p.initializer;
    if (ts.isShorthandPropertyAssignment(p) && p.name.text === name) return p.name;
  }
  return undefined;
};

/** Classes whose instances become a problem+json (`class X extends AppError`, or extends one of those). */
const errorClasses = new Set(['AppError']);
const classes = new Map<string, ts.ClassDeclaration>();
for (const sf of sources) {
  ts.forEachChild(sf, function visit(n): void {
    if (ts.isClassDeclaration(n) && n.name) classes.set(n.name.text, n);
    ts.forEachChild(n, visit);
  });
}
const baseOf = (c: ts.ClassDeclaration): string | undefined => c.heritageClauses?.flatMap((h) => h.types.map((t) => t.expression.getText()))[0];
for (let grew = true; grew; ) {
  grew = false;
  for (const [name, c] of classes) {
    const base = baseOf(c);
    if (!errorClasses.has(name) && base && errorClasses.has(base)) (errorClasses.add(name), (grew = true));
  }
}
/** Which argument of `new X(…)` is the detail: the table above, else the constructor's `detail`/`message` parameter, else its base class's. */
const detailArgument = (name: string): number | 'not-found' | 'none' => {
  if (name in DETAIL_ARGUMENT) return DETAIL_ARGUMENT[name]!;
  const c = classes.get(name);
  const ctor = c?.members.find(ts.isConstructorDeclaration);
  if (ctor) {
    const index = ctor.parameters.findIndex((p) => ts.isIdentifier(p.name) && /^(detail|message)$/.test(p.name.text));
    return index === -1 ? 'none' : index;
  }
  const base = c && baseOf(c);
  return base ? detailArgument(base) : 0;
};

const found: Found[] = [];
for (const sf of sources) {
  const add = (at: ts.Node, e: ts.Expression, wrap: (v: Variant) => Variant = (v) => v, reshape?: (text: string) => string) => {
    const line = sf.getLineAndCharacterOfPosition(at.getStart()).line + 1;
    for (const variant of texts(e)) found.push({ file: sf.fileName, line, variant: wrap(variant), ...(reshape ? { reshape } : {}) });
  };
  const visit = (n: ts.Node): void => {
    // throw new BusinessRuleError('code', 'detail', …), new NotFoundError('Client'), new ConflictError('…')…
    if (ts.isNewExpression(n) && ts.isIdentifier(n.expression) && errorClasses.has(n.expression.text)) {
      const which = detailArgument(n.expression.text);
      const arg = typeof which === 'number' ? n.arguments?.[which] : which === 'not-found' ? n.arguments?.[0] : undefined;
      if (arg) add(n, arg, which === 'not-found' ? (v) => [...v, ' not found'] : undefined);
    }
    if (ts.isObjectLiteralExpression(n)) {
      const message = propertyOf(n, 'message');
      // { path, message }: a field error. Import rows ({ row, field, message }) are a report the import screen words itself.
      if (message && propertyOf(n, 'path') && !propertyOf(n, 'row')) add(n, message);
      // zod: .regex(re, { message }), .refine(f, { message }), z.union([…], { error }), ctx.addIssue({ code, message })
      const inCall = ts.isCallExpression(n.parent) && n.parent.arguments.includes(n);
      if (inCall && !propertyOf(n, 'path')) {
        const callee = (n.parent as ts.CallExpression).expression.getText();
        const zodish = /^z\.|\.(regex|refine|min|max|length|int|email|literal|enum|union|addIssue|superRefine|nonempty|gte|lte|positive)$|^ctx\.addIssue$/.test(callee);
        if (zodish && message) add(n, message);
        const error = propertyOf(n, 'error');
        if (zodish && error && (ts.isStringLiteral(error) || ts.isTemplateExpression(error) || ts.isNoSubstitutionTemplateLiteral(error))) add(n, error);
      }
    }
    // Producers of texts the use cases reshape (validateScenario's problems).
    if (ts.isVariableDeclaration(n) && ts.isIdentifier(n.name) && n.initializer && ts.isFunctionLike(n.initializer)) {
      const producer = PRODUCERS.find((p) => p.fn === (n.name as ts.Identifier).text);
      if (producer) {
        const fn = n.initializer;
        const walk = (m: ts.Node): void => {
          if (ts.isCallExpression(m) && ts.isPropertyAccessExpression(m.expression) && m.expression.name.text === 'push') {
            for (const arg of m.arguments) add(m, arg, undefined, producer.reshape);
          }
          ts.forEachChild(m, walk);
        };
        ts.forEachChild(fn, walk);
      }
    }
    ts.forEachChild(n, visit);
  };
  visit(sf);
}

/** The message as its source writes it (`${…}` for what varies): the allow-list's key. */
const sourceText = (v: Variant): string => v.map((p) => textOf(p) ?? '${…}').join('');
/** The message with a sample for each unknown part, as the API would send it. */
const sampled = (v: Variant): string => {
  const key = sourceText(v);
  return v.map((p) => textOf(p) ?? (SAMPLES.find(([re]) => re.test((p as { hole: string }).hole))?.[1](key) ?? 'x')).join('');
};

/** One entry per distinct message (a message thrown from ten places is checked once). */
const messages = new Map<string, { sample: string; where: string[]; words: Set<string>; variant: Variant; reshape: (text: string) => string }>();
for (const f of found) {
  const reshape = f.reshape ?? ((text: string) => text);
  const key = reshape(sourceText(f.variant));
  // Only words count: a bare `${p.path}: ${p.message}` joins messages found elsewhere.
  if (!/[a-z]{3}/i.test(key.replace(/\$\{…\}/g, ''))) continue;
  const entry = messages.get(key) ?? { sample: reshape(sampled(f.variant)), where: [], words: new Set<string>(), variant: f.variant, reshape };
  // A single word the message was given (a status, a state, an action): `cancelled`, `to_post`, `stop`.
  for (const p of f.variant) if (typeof p === 'object' && 'sub' in p && /^[a-z][a-z_]+$/.test(p.sub)) entry.words.add(p.sub);
  entry.where.push(`${relative(ROOT, join(ROOT, f.file))}:${f.line}`);
  messages.set(key, entry);
}

describe('the API’s messages, each said to a French user', () => {
  it('finds the messages of the code base (the scan itself works)', () => {
    const keys = [...messages.keys()];
    // One of each kind of source: a business rule's detail, a 404, a field error, a zod option, an addIssue, a constant, a producer, a table of words.
    for (const known of [
      'A payment cannot be dated in the future',
      'Client not found',
      'is required to issue an invoice',
      'must be an IBAN',
      'a contact needs an email or a phone',
      'is not a valid SIREN (check digit)',
      'No reminder can be sent: the invoice is disputed',
      'offset must be a whole number of days',
      'This invoice is paid: nothing is left to pay',
      'must be within 60 days (${…} at the latest)',
    ]) {
      expect(keys, known).toContain(known);
    }
    expect(messages.size).toBeGreaterThan(150);
  });

  it('has French words for every one of them', () => {
    const untranslated = [...messages]
      .filter(([key, { sample }]) => !(key in ALLOWED) && apiMessage(sample, 'fr') === sample)
      .map(([key, { sample, where }]) => `${key === sample ? key : `${key}  (sample: ${sample})`}  — ${where[0]}`);
    expect(untranslated, `messages a French user would read in English: add them to web/src/lib/api-messages.ts`).toEqual([]);
  });

  it('says the words a message was given (a status, a state, an action) in French too, never the API’s code', () => {
    const leftInEnglish = [...messages]
      .filter(([key]) => !(key in ALLOWED))
      .flatMap(([key, { sample, words }]) => [...words].filter((w) => new RegExp(`(^|[^\\p{L}_])${w}($|[^\\p{L}_])`, 'u').test(apiMessage(sample, 'fr'))).map((w) => `${w} in “${apiMessage(sample, 'fr')}”  ← ${key}`));
    expect(leftInEnglish).toEqual([]);
  });

  it('says every status a message can name in French (not only the sample’s)', () => {
    const QUOTE_STATUSES: readonly QuoteStatus[] = ['pending', 'accepted', 'refused', 'converted'];
    const raw = [...messages]
      .filter(([key, { variant }]) => !(key in ALLOWED) && variant.some((p) => typeof p === 'object' && 'hole' in p && /status/.test(p.hole)))
      .flatMap(([key, { variant, reshape }]) =>
        (/quote/i.test(key) ? QUOTE_STATUSES : INVOICE_STATUSES).map((status) => {
          const sample = reshape(variant.map((p) => (typeof p === 'object' && 'hole' in p && /status/.test(p.hole) ? status : textOf(p) ?? sampled([p]))).join(''));
          return [status, apiMessage(sample, 'fr'), key] as const;
        }),
      )
      .filter(([status, said]) => new RegExp(`(^|[^\\p{L}_])${status}($|[^\\p{L}_])`, 'u').test(said))
      .map(([status, said, key]) => `${status} in “${said}”  ← ${key}`);
    expect(raw).toEqual([]);
  });

  it('says no English words in French (a pattern that passes a part of the API’s text through), nor « (s) »', () => {
    const english = /(?<!\p{L})(the|is|are|was|must|cannot|should|not|and|with|without|this|of|to|be)(?!\p{L})/iu;
    const mixed = [...messages, ...[...zodMessages.keys()].map((m) => [m, { sample: m }] as const)]
      .filter(([key]) => !(key in ALLOWED))
      .map(([key, { sample }]) => [key, apiMessage(sample, 'fr')] as const)
      // …nor a count hedged with « (s) »: a French sentence says one or several.
      .filter(([, said]) => english.test(said) || said.includes('(s)'))
      .map(([key, said]) => `${said}  ← ${key}`);
    expect([...new Set(mixed)]).toEqual([]);
  });

  it('never says cents, a route or a JSON field to the user, in French or in English', () => {
    const technical = /\bcents\b|\b(GET|POST|PUT|PATCH|DELETE) \/|`|"force"|\bbody\.|\bsettings\.\w|\/settings\b/;
    const bad = [...messages]
      .filter(([key]) => !(key in ALLOWED))
      .flatMap(([key, { sample }]) => (['fr', 'en'] as const).map((lang) => [key, lang, apiMessage(sample, lang)] as const))
      .filter(([, , said]) => technical.test(said))
      .map(([key, lang, said]) => `${lang}: ${said}  ← ${key}`);
    expect(bad).toEqual([]);
  });

  it('keeps its allow-list short and current: each entry is a message the API still sends, left in English', () => {
    for (const [key, why] of Object.entries(ALLOWED)) {
      expect(messages.has(key), `allowed but no longer sent: ${key}`).toBe(true);
      expect(why.length).toBeGreaterThan(20);
    }
  });
});

// ———————————————— zod's own messages, as the input schemas of the route table produce them ————————————————

type Node = z.ZodType;
/** zod 4's definition of a schema: its kind, its checks (bounds), the schemas inside it. */
type Def = { type: string; checks?: { _zod: { def: Record<string, unknown> } }[]; [key: string]: unknown };
const defOf = (schema: Node): Def => (schema as unknown as { _zod: { def: Def } })._zod.def;
const checkValue = (schema: Node, check: string, key: 'minimum' | 'maximum' | 'value'): number | undefined => {
  const found = defOf(schema).checks?.find((c) => c._zod.def.check === check)?._zod.def[key];
  return typeof found === 'number' ? found : undefined;
};

/** Values a field of this kind may be refused for: missing, of another type, too short or long, out of bounds, not whole, not one of the options. */
const probesOf = (schema: Node): unknown[] => {
  const { type } = defOf(schema);
  const max = checkValue(schema, 'max_length', 'maximum');
  const min = checkValue(schema, 'min_length', 'minimum');
  const common = [undefined, null, { unexpected: true }];
  switch (type) {
    case 'string':
      return [...common, 42, '', ' ', '%%%', 'x'.repeat(Math.min((max ?? 200) + 1, 100_001)), 'x'.repeat(Math.max((min ?? 1) - 1, 0))];
    case 'number': {
      const below = checkValue(schema, 'greater_than', 'value') ?? 0;
      const above = checkValue(schema, 'less_than', 'value') ?? 0;
      return [...common, 'x', 1.5, -1, 0, below - 1, above + 1, 1e16];
    }
    case 'array':
      return [...common, 'x', [], Array.from({ length: Math.min((max ?? 100) + 1, 10_001) }, () => 'x')];
    case 'object':
      return [...common, 'x', {}, { unknownField: 1 }];
    default:
      return [...common, 'x', 1.5, '__nope__', {}];
  }
};

/** Every schema inside `schema` (object fields, list elements, union forms, wrapped types). */
const nodesOf = (schema: Node, seen = new Set<Node>()): Node[] => {
  if (seen.has(schema)) return [];
  seen.add(schema);
  const def = defOf(schema);
  const inner = [def.innerType, def.in, def.out, def.element, def.valueType, def.keyType, ...((def.options as Node[] | undefined) ?? []), ...Object.values((def.shape as Record<string, Node> | undefined) ?? {})];
  return [schema, ...inner.filter((n): n is Node => typeof n === 'object' && n !== null && '_zod' in n).flatMap((n) => nodesOf(n, seen))];
};

/** Each message zod answers for the probes, by message, with a route and field where it was met. */
const zodMessages = new Map<string, string>();
for (const route of routeList()) {
  for (const where of ['params', 'query', 'body'] as const) {
    const root = route[where] as Node | undefined;
    if (!root) continue;
    for (const node of nodesOf(root)) {
      for (const probe of probesOf(node)) {
        let result: ReturnType<z.ZodType['safeParse']>;
        try {
          result = node.safeParse(probe);
        } catch {
          continue; // a refinement that expects a well-formed value: the API parses the whole request, where zod stops before it
        }
        if (result.success) continue;
        for (const e of zodFieldErrors(result.error, where === 'params' ? 'path' : where)) if (!zodMessages.has(e.message)) zodMessages.set(e.message, `${route.method} ${route.path} ${where}`);
      }
    }
  }
}

describe('zod’s own messages, each said to a French user', () => {
  it('meets them through the route table (the probe itself works)', () => {
    expect([...zodMessages.keys()]).toEqual(expect.arrayContaining(['Too small: expected string to have >=1 characters', 'must be an IBAN', 'is not a known field']));
    expect(zodMessages.size).toBeGreaterThan(40);
  });

  it('has French words for every one of them', () => {
    const untranslated = [...zodMessages]
      .filter(([m]) => !(m in ALLOWED) && apiMessage(m, 'fr') === m)
      .map(([m, where]) => `${m}  — ${where}`);
    expect(untranslated, 'zod messages a French user would read in English: add a pattern to web/src/lib/api-messages.ts').toEqual([]);
  });
});
