import { stringify as stringifyYaml } from 'yaml';

/**
 * A small interpreter for the part of Go's text/template language, and of the Sprig and Helm
 * functions, that our Helm chart uses. No npm package renders Helm charts faithfully (there is
 * no maintained JavaScript Helm, and Go's template engine with Sprig is not on npm), so the
 * chart test renders with this, and it is strict about what it does not know: an unknown
 * function, keyword or construct, a field of a missing value, an `eq` between an int and a
 * float, a `%d` of a non-integer, printing a map or a list — each is an error, never a guess.
 *
 * What it follows from Go and Helm, because a chart can depend on it:
 * - `{{-` and `-}}` trim all whitespace (newlines too) beside the action; comments `{{/* ... *\/}}`.
 * - Values from YAML are float64 (Helm reads values through JSON): printed with `%v` they are
 *   Go's shortest `%g` (1e+06 for a million), so the chart passes numbers through `int`.
 *   Template literals, `int`, `add`, `until` and `len` give int64 (here: bigint).
 * - Truth is Go's: false, 0, "", nil and empty lists and maps are false.
 * - `range` over a map walks its keys in sorted order; over nil it runs the `else` branch.
 * - Variables are scoped to their block; `$` is the data the template (or `include`) was given.
 * - `and` and `or` stop at the first false/true argument and return that argument.
 * - A missing map key is nil; nil prints as "" (Helm removes "<no value>").
 * - `toYaml` sorts keys (sigs.k8s.io/yaml does) and drops the final newline.
 * Supported keywords: if / else if / else, range (with one or two variables), with, define,
 * end, `:=` and `=`. Functions: see FUNCTIONS below.
 *
 * Where Go is installed, test/deploy-helm-chart.test.ts renders the chart with Go's own
 * text/template and Sprig too (./go-helm-render) and requires the same output.
 */

export type Value = string | number | bigint | boolean | null | Value[] | { [key: string]: Value };

export class TemplateError extends Error {}

// ---- lexing -------------------------------------------------------------------------------

interface TextPiece { readonly kind: 'text'; readonly text: string }
interface ActionPiece { readonly kind: 'action'; readonly source: string; readonly line: number }
type Piece = TextPiece | ActionPiece;

function lex(source: string, name: string): Piece[] {
  const pieces: Piece[] = [];
  let position = 0;
  let trimNext = false;
  const lineAt = (index: number) => source.slice(0, index).split('\n').length;
  while (position <= source.length) {
    const open = source.indexOf('{{', position);
    let text = open < 0 ? source.slice(position) : source.slice(position, open);
    if (trimNext) text = text.replace(/^[ \t\r\n]+/, '');
    if (open < 0) {
      if (text !== '') pieces.push({ kind: 'text', text });
      break;
    }
    const trimBefore = /^\{\{-[ \t\r\n]/.test(source.slice(open, open + 4));
    if (trimBefore) text = text.replace(/[ \t\r\n]+$/, '');
    if (text !== '') pieces.push({ kind: 'text', text });
    let start = open + (trimBefore ? 3 : 2);
    const isComment = source.slice(start).replace(/^[ \t\r\n]*/, '').startsWith('/*');
    let close: number;
    let trimAfter: boolean;
    if (isComment) {
      const end = source.indexOf('*/', start);
      if (end < 0) throw new TemplateError(`${name}:${lineAt(open)}: unclosed comment`);
      const after = source.slice(end + 2);
      const match = /^( -)?\}\}/.exec(after);
      if (!match) throw new TemplateError(`${name}:${lineAt(open)}: comment ends without }}`);
      trimAfter = match[1] !== undefined;
      close = end + 2 + match[0].length;
      trimNext = trimAfter;
      position = close;
      continue;
    }
    const end = source.indexOf('}}', start);
    if (end < 0) throw new TemplateError(`${name}:${lineAt(open)}: unclosed action`);
    trimAfter = /[ \t\r\n]-$/.test(source.slice(start, end));
    const inner = source.slice(start, trimAfter ? end - 1 : end);
    pieces.push({ kind: 'action', source: inner.trim(), line: lineAt(open) });
    trimNext = trimAfter;
    position = end + 2;
    start = position;
  }
  return pieces;
}

type Token =
  | { readonly t: 'string'; readonly value: string }
  | { readonly t: 'number'; readonly value: number | bigint }
  | { readonly t: 'field'; readonly path: readonly string[] } // .A.B, or [] for "."
  | { readonly t: 'variable'; readonly name: string; readonly path: readonly string[] } // $x.A.B
  | { readonly t: 'ident'; readonly name: string }
  | { readonly t: 'punct'; readonly value: '(' | ')' | '|' | ':=' | '=' | ',' };

function tokenize(source: string, where: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const fieldChain = (): string[] => {
    const path: string[] = [];
    while (source[i] === '.' && /[A-Za-z_]/.test(source[i + 1] ?? '')) {
      const match = /^\.([A-Za-z_][A-Za-z0-9_]*)/.exec(source.slice(i))!;
      path.push(match[1]!);
      i += match[0].length;
    }
    return path;
  };
  while (i < source.length) {
    const c = source[i]!;
    if (/\s/.test(c)) {
      i += 1;
    } else if (c === '"') {
      const match = /^"(?:[^"\\]|\\.)*"/.exec(source.slice(i));
      if (!match) throw new TemplateError(`${where}: unterminated string`);
      tokens.push({ t: 'string', value: JSON.parse(match[0]) as string });
      i += match[0].length;
    } else if (c === '`') {
      const end = source.indexOf('`', i + 1);
      if (end < 0) throw new TemplateError(`${where}: unterminated raw string`);
      tokens.push({ t: 'string', value: source.slice(i + 1, end) });
      i = end + 1;
    } else if (/[0-9]/.test(c) || (c === '-' && /[0-9]/.test(source[i + 1] ?? ''))) {
      const match = /^-?[0-9]+(\.[0-9]+)?/.exec(source.slice(i))!;
      tokens.push({ t: 'number', value: match[1] === undefined ? BigInt(match[0]) : Number(match[0]) });
      i += match[0].length;
    } else if (c === '$') {
      const match = /^\$[A-Za-z0-9_]*/.exec(source.slice(i))!;
      i += match[0].length;
      tokens.push({ t: 'variable', name: match[0], path: fieldChain() });
    } else if (c === '.') {
      if (source[i - 1] === ')') throw new TemplateError(`${where}: fields of a parenthesized pipeline, (...).X, are not supported`);
      if (/[A-Za-z_]/.test(source[i + 1] ?? '')) tokens.push({ t: 'field', path: fieldChain() });
      else {
        tokens.push({ t: 'field', path: [] });
        i += 1;
      }
    } else if (source.startsWith(':=', i)) {
      tokens.push({ t: 'punct', value: ':=' });
      i += 2;
    } else if ('()|=,'.includes(c)) {
      tokens.push({ t: 'punct', value: c as '(' | ')' | '|' | '=' | ',' });
      i += 1;
    } else if (/[A-Za-z_]/.test(c)) {
      const match = /^[A-Za-z_][A-Za-z0-9_]*/.exec(source.slice(i))!;
      tokens.push({ t: 'ident', name: match[0] });
      i += match[0].length;
    } else {
      throw new TemplateError(`${where}: unexpected "${c}" in "${source}"`);
    }
  }
  return tokens;
}

// ---- parsing ------------------------------------------------------------------------------

type Operand =
  | { readonly o: 'literal'; readonly value: Value }
  | { readonly o: 'field'; readonly path: readonly string[] }
  | { readonly o: 'variable'; readonly name: string; readonly path: readonly string[] }
  | { readonly o: 'function'; readonly name: string }
  | { readonly o: 'pipeline'; readonly pipeline: Pipeline };

interface Command { readonly operands: readonly Operand[] }
interface Pipeline {
  readonly declare: readonly string[]; // `$a :=` or `$i, $v :=`
  readonly assign: string | undefined; // `$a =`
  readonly commands: readonly Command[];
  readonly where: string;
}

type Node =
  | { readonly n: 'text'; readonly text: string }
  | { readonly n: 'action'; readonly pipeline: Pipeline }
  | { readonly n: 'if' | 'with'; readonly pipeline: Pipeline; readonly then: Node[]; readonly otherwise: Node[] }
  | { readonly n: 'range'; readonly pipeline: Pipeline; readonly body: Node[]; readonly otherwise: Node[] };

const KEYWORDS = new Set(['if', 'else', 'end', 'range', 'with', 'define', 'template', 'block', 'break', 'continue']);

function parsePipeline(tokens: Token[], where: string): Pipeline {
  let index = 0;
  const declare: string[] = [];
  let assign: string | undefined;
  // `$a :=`, `$a, $b :=` or `$a =` at the start.
  const lookahead = tokens.findIndex((token) => token.t === 'punct' && (token.value === ':=' || token.value === '='));
  if (lookahead > 0 && tokens.slice(0, lookahead).every((token) => token.t === 'variable' || (token.t === 'punct' && token.value === ','))) {
    const names = tokens.slice(0, lookahead).filter((token): token is Extract<Token, { t: 'variable' }> => token.t === 'variable');
    if (names.some((token) => token.path.length > 0)) throw new TemplateError(`${where}: cannot assign to a field`);
    const operator = tokens[lookahead] as Extract<Token, { t: 'punct' }>;
    if (operator.value === ':=') declare.push(...names.map((token) => token.name));
    else if (names.length === 1) assign = names[0]!.name;
    else throw new TemplateError(`${where}: only one variable can be assigned`);
    index = lookahead + 1;
  }
  const commands: Command[] = [];
  let operands: Operand[] = [];
  const parseOperand = (): Operand => {
    const token = tokens[index]!;
    index += 1;
    switch (token.t) {
      case 'string':
        return { o: 'literal', value: token.value };
      case 'number':
        return { o: 'literal', value: token.value };
      case 'field':
        return { o: 'field', path: token.path };
      case 'variable':
        return { o: 'variable', name: token.name, path: token.path };
      case 'ident':
        if (token.name === 'true' || token.name === 'false') return { o: 'literal', value: token.name === 'true' };
        if (token.name === 'nil') return { o: 'literal', value: null };
        if (KEYWORDS.has(token.name)) throw new TemplateError(`${where}: unexpected keyword ${token.name}`);
        return { o: 'function', name: token.name };
      case 'punct': {
        if (token.value !== '(') throw new TemplateError(`${where}: unexpected "${token.value}"`);
        let depth = 1;
        const start = index;
        while (index < tokens.length && depth > 0) {
          const inner = tokens[index]!;
          if (inner.t === 'punct' && inner.value === '(') depth += 1;
          if (inner.t === 'punct' && inner.value === ')') depth -= 1;
          index += 1;
        }
        if (depth !== 0) throw new TemplateError(`${where}: unclosed (`);
        return { o: 'pipeline', pipeline: parsePipeline(tokens.slice(start, index - 1), where) };
      }
    }
  };
  while (index < tokens.length) {
    const token = tokens[index]!;
    if (token.t === 'punct' && token.value === '|') {
      if (operands.length === 0) throw new TemplateError(`${where}: empty command before |`);
      commands.push({ operands });
      operands = [];
      index += 1;
      continue;
    }
    operands.push(parseOperand());
  }
  if (operands.length === 0) throw new TemplateError(`${where}: missing value`);
  commands.push({ operands });
  return { declare, assign, commands, where };
}

interface Parsed { readonly body: Node[]; readonly defines: Map<string, Node[]> }

function parse(source: string, name: string): Parsed {
  const pieces = lex(source, name);
  const defines = new Map<string, Node[]>();
  let index = 0;
  type Stop = 'end' | 'else' | 'eof';
  // Parses nodes until {{end}}, {{else ...}} or the end of input; returns what stopped it.
  const parseList = (): { nodes: Node[]; stop: Stop; elseTokens: Token[]; where: string } => {
    const nodes: Node[] = [];
    while (index < pieces.length) {
      const piece = pieces[index]!;
      index += 1;
      if (piece.kind === 'text') {
        nodes.push({ n: 'text', text: piece.text });
        continue;
      }
      const where = `${name}:${piece.line}`;
      const tokens = tokenize(piece.source, where);
      const head = tokens[0];
      const keyword = head?.t === 'ident' && KEYWORDS.has(head.name) ? head.name : undefined;
      if (keyword === undefined) {
        nodes.push({ n: 'action', pipeline: parsePipeline(tokens, where) });
        continue;
      }
      switch (keyword) {
        case 'end':
          return { nodes, stop: 'end', elseTokens: [], where };
        case 'else':
          return { nodes, stop: 'else', elseTokens: tokens.slice(1), where };
        case 'if':
        case 'with':
        case 'range': {
          const pipeline = parsePipeline(tokens.slice(1), where);
          nodes.push(parseBlock(keyword, pipeline, where));
          continue;
        }
        case 'define': {
          const nameToken = tokens[1];
          if (nameToken?.t !== 'string' || tokens.length !== 2) throw new TemplateError(`${where}: define takes one quoted name`);
          const inner = parseList();
          if (inner.stop !== 'end') throw new TemplateError(`${where}: define "${nameToken.value}" has no end`);
          defines.set(nameToken.value, inner.nodes);
          continue;
        }
        default:
          throw new TemplateError(`${where}: {{${keyword}}} is not supported by this renderer`);
      }
    }
    return { nodes, stop: 'eof', elseTokens: [], where: name };
  };
  const parseBlock = (keyword: 'if' | 'with' | 'range', pipeline: Pipeline, where: string): Node => {
    const first = parseList();
    let otherwise: Node[] = [];
    if (first.stop === 'eof') throw new TemplateError(`${where}: {{${keyword}}} has no end`);
    if (first.stop === 'else') {
      const elseHead = first.elseTokens[0];
      if (elseHead === undefined) {
        const rest = parseList();
        if (rest.stop !== 'end') throw new TemplateError(`${first.where}: {{else}} has no end`);
        otherwise = rest.nodes;
      } else if (elseHead.t === 'ident' && elseHead.name === 'if' && keyword === 'if') {
        // {{else if X}} ... : an if nested in the else branch, sharing the one {{end}}.
        otherwise = [parseBlock('if', parsePipeline(first.elseTokens.slice(1), first.where), first.where)];
      } else {
        throw new TemplateError(`${first.where}: {{else ...}} form not supported`);
      }
    }
    if (keyword === 'range') return { n: 'range', pipeline, body: first.nodes, otherwise };
    return { n: keyword, pipeline, then: first.nodes, otherwise };
  };
  const top = parseList();
  if (top.stop !== 'eof') throw new TemplateError(`${top.where}: unexpected {{${top.stop}}}`);
  return { body: top.nodes, defines };
}

// ---- values -------------------------------------------------------------------------------

function isMap(value: unknown): value is { [key: string]: Value } {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function truth(value: Value | undefined): boolean {
  if (value === null || value === undefined) return false;
  if (typeof value === 'boolean') return value;
  if (typeof value === 'string') return value !== '';
  if (typeof value === 'number') return value !== 0;
  if (typeof value === 'bigint') return value !== 0n;
  if (Array.isArray(value)) return value.length > 0;
  return Object.keys(value).length > 0;
}

/** Go's %v of a float64 (strconv's shortest %g): %e form when the decimal exponent is < -4 or >= 6, so 1000000 prints 1e+06. */
export function formatFloat(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (!Number.isFinite(value)) return value > 0 ? '+Inf' : '-Inf';
  if (value === 0) return Object.is(value, -0) ? '-0' : '0';
  // The shortest round-tripping digits, from JavaScript's exponential form.
  const [mantissa, exponentText] = value.toExponential().split('e') as [string, string];
  const negative = mantissa.startsWith('-');
  const digits = mantissa.replace('-', '').replace('.', '');
  const exponent = Number(exponentText);
  const sign = negative ? '-' : '';
  if (exponent < -4 || exponent >= 6) {
    const body = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    const magnitude = String(Math.abs(exponent)).padStart(2, '0');
    return `${sign}${body}e${exponent < 0 ? '-' : '+'}${magnitude}`;
  }
  if (exponent >= 0) {
    const whole = digits.slice(0, exponent + 1).padEnd(exponent + 1, '0');
    const fraction = digits.slice(exponent + 1);
    return `${sign}${whole}${fraction === '' ? '' : `.${fraction}`}`;
  }
  return `${sign}0.${'0'.repeat(-exponent - 1)}${digits}`;
}

/** Go's `{{ x }}` (fmt's %v) for the kinds a chart prints. */
function print(value: Value | undefined, where: string): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'number') return formatFloat(value);
  if (typeof value === 'boolean') return String(value);
  throw new TemplateError(`${where}: printing a ${Array.isArray(value) ? 'list' : 'map'} (Go would print its %v form); use toYaml`);
}

function toInt(value: Value | undefined, where: string): bigint {
  if (typeof value === 'bigint') return value;
  if (typeof value === 'number') return BigInt(Math.trunc(value));
  if (typeof value === 'boolean') return value ? 1n : 0n;
  if (value === null || value === undefined) return 0n;
  if (typeof value === 'string') {
    if (/^-?[0-9]+$/.test(value.trim())) return BigInt(value.trim());
    return 0n;
  }
  throw new TemplateError(`${where}: cannot convert a ${Array.isArray(value) ? 'list' : 'map'} to int`);
}

function basicKind(value: Value | undefined): 'string' | 'int' | 'float' | 'bool' | 'nil' | 'other' {
  if (value === null || value === undefined) return 'nil';
  if (typeof value === 'string') return 'string';
  if (typeof value === 'bigint') return 'int';
  if (typeof value === 'number') return 'float';
  if (typeof value === 'boolean') return 'bool';
  return 'other';
}

function compare(left: Value | undefined, right: Value | undefined, where: string): number {
  const kind = basicKind(left);
  if (kind !== basicKind(right) || kind === 'other' || kind === 'nil') {
    throw new TemplateError(`${where}: incompatible types for comparison (${basicKind(left)}, ${basicKind(right)})`);
  }
  if (kind === 'bool') return left === right ? 0 : 1;
  return left! < right! ? -1 : left! > right! ? 1 : 0;
}

/** Go's fmt.Sprintf for %s, %d, %q, %v and %%. */
function sprintf(format: string, args: Value[], where: string): string {
  let next = 0;
  const output = format.replace(/%([%sdqv])/g, (_match, verb: string) => {
    if (verb === '%') return '%';
    if (next >= args.length) throw new TemplateError(`${where}: printf "${format}" is missing an argument`);
    const arg = args[next++]!;
    switch (verb) {
      case 'd':
        if (typeof arg !== 'bigint') throw new TemplateError(`${where}: printf %d of a ${basicKind(arg)} (Go prints %!d(...)); pass it through int`);
        return arg.toString();
      case 's':
        if (typeof arg !== 'string') throw new TemplateError(`${where}: printf %s of a ${basicKind(arg)}`);
        return arg;
      case 'q':
        if (typeof arg !== 'string') throw new TemplateError(`${where}: printf %q of a ${basicKind(arg)}`);
        return JSON.stringify(arg);
      default:
        return print(arg, where);
    }
  });
  if (next !== args.length) throw new TemplateError(`${where}: printf "${format}" has ${args.length - next} extra argument(s)`);
  return output;
}

/** sigs.k8s.io/yaml's output, as far as meaning goes: sorted keys; ints and floats as numbers. */
function toYaml(value: Value): string {
  const plain = (item: Value): unknown => {
    if (typeof item === 'bigint') return Number(item);
    if (Array.isArray(item)) return item.map(plain);
    if (isMap(item)) return Object.fromEntries(Object.keys(item).sort().map((key) => [key, plain(item[key]!)]));
    return item;
  };
  if (value === null) return 'null';
  // Block style as go-yaml v2 writes it: lists not indented under their key.
  return stringifyYaml(plain(value), { lineWidth: 0, indentSeq: false }).replace(/\n$/, '');
}

// ---- execution ----------------------------------------------------------------------------

type Scope = { name: string; value: Value }[];

class Execution {
  constructor(
    private readonly defines: ReadonlyMap<string, Node[]>,
    private readonly depth: number,
  ) {}

  run(nodes: readonly Node[], dot: Value, scope: Scope): string {
    let output = '';
    for (const node of nodes) output += this.node(node, dot, scope);
    return output;
  }

  private node(node: Node, dot: Value, scope: Scope): string {
    switch (node.n) {
      case 'text':
        return node.text;
      case 'action': {
        const value = this.pipeline(node.pipeline, dot, scope);
        return node.pipeline.declare.length > 0 || node.pipeline.assign !== undefined ? '' : print(value, node.pipeline.where);
      }
      case 'if':
      case 'with': {
        const inner: Scope = [...scope];
        const value = this.pipeline(node.pipeline, dot, inner);
        if (truth(value)) return this.run(node.then, node.n === 'with' ? value : dot, inner);
        return this.run(node.otherwise, dot, [...scope]);
      }
      case 'range':
        return this.range(node, dot, scope);
    }
  }

  private range(node: Extract<Node, { n: 'range' }>, dot: Value, scope: Scope): string {
    const { pipeline } = node;
    if (pipeline.declare.length > 2) throw new TemplateError(`${pipeline.where}: range takes at most two variables`);
    const collection = this.pipeline({ ...pipeline, declare: [] }, dot, scope);
    let entries: [Value, Value][];
    if (collection === null || collection === undefined) entries = [];
    else if (Array.isArray(collection)) entries = collection.map((item, index) => [BigInt(index), item]);
    else if (isMap(collection)) entries = Object.keys(collection).sort().map((key) => [key, collection[key]!]);
    else if (typeof collection === 'bigint') entries = Array.from({ length: Number(collection) }, (_, index) => [BigInt(index), BigInt(index)]);
    else throw new TemplateError(`${pipeline.where}: range cannot iterate over a ${basicKind(collection)}`);
    if (entries.length === 0) return this.run(node.otherwise, dot, [...scope]);
    let output = '';
    for (const [key, value] of entries) {
      const inner: Scope = [...scope];
      if (pipeline.declare.length === 1) inner.push({ name: pipeline.declare[0]!, value });
      if (pipeline.declare.length === 2) inner.push({ name: pipeline.declare[0]!, value: key }, { name: pipeline.declare[1]!, value });
      output += this.run(node.body, value, inner);
    }
    return output;
  }

  private pipeline(pipeline: Pipeline, dot: Value, scope: Scope): Value {
    let value: Value | undefined;
    let piped = false;
    for (const command of pipeline.commands) {
      value = this.command(command, dot, scope, piped ? [value ?? null] : [], pipeline.where);
      piped = true;
    }
    const result = value ?? null;
    if (pipeline.declare.length === 1) scope.push({ name: pipeline.declare[0]!, value: result });
    else if (pipeline.declare.length > 1) throw new TemplateError(`${pipeline.where}: two variables are for range only`);
    if (pipeline.assign !== undefined) {
      const variable = [...scope].reverse().find((entry) => entry.name === pipeline.assign);
      if (variable === undefined) throw new TemplateError(`${pipeline.where}: undefined variable ${pipeline.assign}`);
      variable.value = result;
    }
    return result;
  }

  private command(command: Command, dot: Value, scope: Scope, piped: Value[], where: string): Value {
    const [head, ...rest] = command.operands as [Operand, ...Operand[]];
    if (head.o !== 'function') {
      if (rest.length > 0 || piped.length > 0) throw new TemplateError(`${where}: can't give arguments to a non-function`);
      return this.operand(head, dot, scope, where);
    }
    const evaluate = (operand: Operand) => this.operand(operand, dot, scope, where);
    // Lazy ones first: and/or evaluate their arguments only as far as needed.
    if (head.name === 'and' || head.name === 'or') {
      const args = [...rest.map((operand) => () => evaluate(operand)), ...piped.map((value) => () => value)];
      if (args.length === 0) throw new TemplateError(`${where}: ${head.name} needs arguments`);
      let last: Value = null;
      for (const arg of args) {
        last = arg();
        if (head.name === 'and' ? !truth(last) : truth(last)) return last;
      }
      return last;
    }
    const args = [...rest.map(evaluate), ...piped];
    if (head.name === 'include') {
      const [name, data] = args;
      if (typeof name !== 'string' || args.length !== 2) throw new TemplateError(`${where}: include takes a name and a value`);
      const body = this.defines.get(name);
      if (body === undefined) throw new TemplateError(`${where}: no template "${name}"`);
      if (this.depth > 100) throw new TemplateError(`${where}: include nested too deeply`);
      return new Execution(this.defines, this.depth + 1).run(body, data!, [{ name: '$', value: data! }]);
    }
    const fn = Object.hasOwn(FUNCTIONS, head.name) ? FUNCTIONS[head.name] : undefined;
    if (fn === undefined) throw new TemplateError(`${where}: function "${head.name}" is not supported by this renderer`);
    return fn(args, where);
  }

  private operand(operand: Operand, dot: Value, scope: Scope, where: string): Value {
    switch (operand.o) {
      case 'literal':
        return operand.value;
      case 'pipeline':
        return this.pipeline(operand.pipeline, dot, [...scope]);
      case 'field':
        return fields(dot, operand.path, '.', where);
      case 'variable': {
        const variable = [...scope].reverse().find((entry) => entry.name === operand.name);
        if (variable === undefined) throw new TemplateError(`${where}: undefined variable ${operand.name}`);
        return fields(variable.value, operand.path, operand.name, where);
      }
      case 'function':
        return this.command({ operands: [operand] }, dot, scope, [], where);
    }
  }
}

function fields(start: Value, path: readonly string[], name: string, where: string): Value {
  let value: Value = start;
  let walked = name;
  for (const key of path) {
    if (!isMap(value)) throw new TemplateError(`${where}: ${value === null ? 'nil pointer evaluating' : `can't evaluate field ${key} in a ${basicKind(value)}:`} ${walked}.${key}`);
    value = key in value ? value[key]! : null;
    walked = `${walked === '.' ? '' : walked}.${key}`;
  }
  return value;
}

function stringArg(value: Value | undefined, fn: string, where: string): string {
  if (typeof value === 'string') return value;
  if (value === null || value === undefined) return '';
  if (typeof value === 'bigint' || typeof value === 'number' || typeof value === 'boolean') return print(value, where);
  throw new TemplateError(`${where}: ${fn} of a ${Array.isArray(value) ? 'list' : 'map'}`);
}

function arity(args: Value[], count: number, fn: string, where: string): void {
  if (args.length !== count) throw new TemplateError(`${where}: ${fn} takes ${count} argument(s), got ${args.length}`);
}

function indent(spaces: Value | undefined, text: Value | undefined, where: string): string {
  const pad = ' '.repeat(Number(toInt(spaces, where)));
  return pad + stringArg(text, 'indent', where).split('\n').join(`\n${pad}`);
}

type TemplateFunction = (args: Value[], where: string) => Value;

/** Go's builtins and the Sprig/Helm functions the chart uses, with their Go semantics. */
const FUNCTIONS: Record<string, TemplateFunction> = {
  // Go builtins
  eq: (args, where) => {
    if (args.length < 2) throw new TemplateError(`${where}: eq needs two arguments`);
    return args.slice(1).some((other) => compare(args[0], other, where) === 0);
  },
  ne: (args, where) => (arity(args, 2, 'ne', where), compare(args[0], args[1], where) !== 0),
  lt: (args, where) => (arity(args, 2, 'lt', where), compare(args[0], args[1], where) < 0),
  not: (args, where) => (arity(args, 1, 'not', where), !truth(args[0])),
  len: (args, where) => {
    arity(args, 1, 'len', where);
    const value = args[0];
    if (typeof value === 'string' || Array.isArray(value)) return BigInt(value.length);
    if (isMap(value)) return BigInt(Object.keys(value).length);
    throw new TemplateError(`${where}: len of a ${basicKind(value)}`);
  },
  index: (args, where) => {
    let value = args[0] ?? null;
    for (const key of args.slice(1)) {
      if (isMap(value) && typeof key === 'string') value = key in value ? value[key]! : null;
      else if (Array.isArray(value) && typeof key === 'bigint') {
        if (key < 0n || key >= BigInt(value.length)) throw new TemplateError(`${where}: index out of range: ${key}`);
        value = value[Number(key)]!;
      } else throw new TemplateError(`${where}: cannot index a ${basicKind(value)} with a ${basicKind(key)}`);
    }
    return value;
  },
  printf: (args, where) => {
    if (typeof args[0] !== 'string') throw new TemplateError(`${where}: printf needs a format string`);
    return sprintf(args[0], args.slice(1), where);
  },
  // Sprig
  default: (args, where) => (arity(args, 2, 'default', where), truth(args[1]) ? args[1]! : args[0]!),
  ternary: (args, where) => (arity(args, 3, 'ternary', where), truth(args[2]) ? args[0]! : args[1]!),
  trunc: (args, where) => {
    arity(args, 2, 'trunc', where);
    const count = Number(toInt(args[0], where));
    const text = stringArg(args[1], 'trunc', where);
    return count >= 0 ? text.slice(0, count) : text.slice(Math.max(0, text.length + count));
  },
  trimSuffix: (args, where) => {
    arity(args, 2, 'trimSuffix', where);
    const suffix = stringArg(args[0], 'trimSuffix', where);
    const text = stringArg(args[1], 'trimSuffix', where);
    return suffix !== '' && text.endsWith(suffix) ? text.slice(0, -suffix.length) : text;
  },
  replace: (args, where) => (arity(args, 3, 'replace', where), stringArg(args[2], 'replace', where).split(stringArg(args[0], 'replace', where)).join(stringArg(args[1], 'replace', where))),
  contains: (args, where) => (arity(args, 2, 'contains', where), stringArg(args[1], 'contains', where).includes(stringArg(args[0], 'contains', where))),
  upper: (args, where) => (arity(args, 1, 'upper', where), stringArg(args[0], 'upper', where).toUpperCase()),
  quote: (args, where) => args.filter((arg) => arg !== null).map((arg) => JSON.stringify(stringArg(arg, 'quote', where))).join(' '),
  toString: (args: Value[], where: string) => (arity(args, 1, 'toString', where), stringArg(args[0], 'toString', where)),
  int: (args, where) => (arity(args, 1, 'int', where), toInt(args[0], where)),
  add: (args, where) => args.reduce<bigint>((sum, arg) => sum + toInt(arg, where), 0n),
  until: (args, where) => {
    arity(args, 1, 'until', where);
    return Array.from({ length: Math.max(0, Number(toInt(args[0], where))) }, (_, index) => BigInt(index));
  },
  list: (args) => [...args],
  append: (args, where) => {
    arity(args, 2, 'append', where);
    if (!Array.isArray(args[0])) throw new TemplateError(`${where}: append to a ${basicKind(args[0])}`);
    return [...args[0], args[1]!];
  },
  join: (args, where) => {
    arity(args, 2, 'join', where);
    const list = args[1];
    if (!Array.isArray(list)) throw new TemplateError(`${where}: join of a ${basicKind(list)}`);
    return list.map((item) => stringArg(item, 'join', where)).join(stringArg(args[0], 'join', where));
  },
  splitList: (args, where) => (arity(args, 2, 'splitList', where), stringArg(args[1], 'splitList', where).split(stringArg(args[0], 'splitList', where))),
  dict: (args, where) => {
    if (args.length % 2 !== 0) throw new TemplateError(`${where}: dict takes key/value pairs`);
    const map: { [key: string]: Value } = {};
    for (let index = 0; index < args.length; index += 2) map[stringArg(args[index], 'dict', where)] = args[index + 1]!;
    return map;
  },
  get: (args, where) => {
    arity(args, 2, 'get', where);
    const [map, key] = args;
    if (!isMap(map) || typeof key !== 'string') throw new TemplateError(`${where}: get takes a map and a key`);
    return key in map ? map[key]! : '';
  },
  // Helm
  toYaml: (args, where) => (arity(args, 1, 'toYaml', where), toYaml(args[0]!)),
  indent: (args, where) => (arity(args, 2, 'indent', where), indent(args[0], args[1], where)),
  nindent: (args, where) => (arity(args, 2, 'nindent', where), `\n${indent(args[0], args[1], where)}`),
  fail: (args, where) => {
    throw new TemplateError(`${where}: ${stringArg(args[0], 'fail', where)}`);
  },
};

/** A set of template files sharing their `define`s, as Helm loads a chart's templates/. */
export class TemplateSet {
  private readonly defines = new Map<string, Node[]>();
  private readonly bodies = new Map<string, Node[]>();

  add(name: string, source: string): void {
    const parsed = parse(source, name);
    for (const [defined, body] of parsed.defines) this.defines.set(defined, body);
    this.bodies.set(name, parsed.body);
  }

  render(name: string, data: Value): string {
    const body = this.bodies.get(name);
    if (body === undefined) throw new TemplateError(`no template file ${name}`);
    return new Execution(this.defines, 0).run(body, data, [{ name: '$', value: data }]).replaceAll('<no value>', '');
  }
}
