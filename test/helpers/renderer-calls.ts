// Which API methods the renderer really calls, read from its source with the TypeScript checker (no
// list kept by hand). Every function of the UI that sends a method is generic in `M extends MethodName`
// (api.call, useApiQuery, useApiMutation, useFormSave…); at each call site the checker knows which names
// M stands for: one literal, a union ('products.update' | 'products.create'), or a type parameter of an
// enclosing generic (then its own callers are counted). A call whose M is every method, `string`, or a
// cast to method names (`as 'products.list'`, which could hide the real name) or of such a function
// (`api.call as (m: string) => …`) is reported as a problem.
import path from 'node:path';
import ts from 'typescript';
import { METHOD_NAMES } from '../../shared/api/contract';

export type RendererCalls = { methods: Set<string>; problems: string[] };

const ALL = new Set<string>(METHOD_NAMES);

function sourceFiles(root: string): string[] {
  return ts.sys.readDirectory(path.join(root, 'renderer', 'src'), ['.ts', '.tsx']).filter((f) => !f.endsWith('.d.ts'));
}

/** The string literals of a type, or null when it is not made only of string literals. */
function literals(type: ts.Type): string[] | null {
  const parts = type.isUnion() ? type.types : [type];
  const out: string[] = [];
  for (const p of parts) {
    if (!p.isStringLiteral()) return null;
    out.push(p.value);
  }
  return out;
}

/** A type that names API methods: only string literals, each one a method. */
function methodLiterals(type: ts.Type): string[] | null {
  const names = literals(type);
  return names && names.length > 0 && names.every((n) => ALL.has(n)) ? names : null;
}

function where(node: ts.Node): string {
  const sf = node.getSourceFile();
  const { line } = sf.getLineAndCharacterOfPosition(node.getStart());
  return `${path.relative(process.cwd(), sf.fileName)}:${line + 1}`;
}

/** Positions of the parameters declared as a type parameter constrained to method names. */
function methodParams(checker: ts.TypeChecker, decl: ts.SignatureDeclaration): number[] {
  const out: number[] = [];
  decl.parameters.forEach((p, i) => {
    if (!p.type || !ts.isTypeReferenceNode(p.type)) return;
    const t = checker.getTypeFromTypeNode(p.type);
    if (!(t.flags & ts.TypeFlags.TypeParameter)) return;
    const c = checker.getBaseConstraintOfType(t);
    if (c && methodLiterals(c)?.length === ALL.size) out.push(i);
  });
  return out;
}

function visitCall(checker: ts.TypeChecker, call: ts.CallExpression, found: RendererCalls): void {
  const sig = checker.getResolvedSignature(call);
  const decl = sig?.getDeclaration();
  if (!sig || !decl || !decl.parameters) return;
  for (const i of methodParams(checker, decl)) {
    const arg = call.arguments[i];
    const param = sig.parameters[i];
    if (!arg || !param) continue;
    const t = checker.getTypeOfSymbolAtLocation(param, call);
    if (t.flags & ts.TypeFlags.TypeParameter) continue; // passed on from a generic caller, counted there
    const names = methodLiterals(t);
    if (!names || names.length === ALL.size) found.problems.push(`${where(call)}: cannot tell which method is called`);
    else names.forEach((n) => found.methods.add(n));
  }
}

/** Does this type have a call signature that takes a method name (api.call, useApiQuery…)? */
function sendsMethods(checker: ts.TypeChecker, type: ts.Type): boolean {
  return type.getCallSignatures().some((s) => {
    const decl = s.getDeclaration();
    return !!decl?.parameters && methodParams(checker, decl).length > 0;
  });
}

function visitCast(checker: ts.TypeChecker, node: ts.AsExpression, found: RendererCalls): void {
  if (methodLiterals(checker.getTypeFromTypeNode(node.type)))
    found.problems.push(`${where(node)}: a cast to method names hides which method is called`);
  if (sendsMethods(checker, checker.getTypeAtLocation(node.expression)))
    found.problems.push(`${where(node)}: a cast of a function that sends methods hides which method is called`);
}

/**
 * What the renderer's files (and `extra` files, e.g. a test's fixture, reported apart) call. One
 * program for all, so the checker runs once.
 */
export function rendererCalls(root = process.cwd(), extra: string[] = []): RendererCalls & { extra: RendererCalls } {
  const config = ts.readConfigFile(path.join(root, 'tsconfig.json'), ts.sys.readFile).config;
  const { options } = ts.parseJsonConfigFileContent(config, ts.sys, root);
  const files = sourceFiles(root);
  const program = ts.createProgram([...files, ...extra], { ...options, noEmit: true });
  const checker = program.getTypeChecker();
  const read = (list: string[]): RendererCalls => {
    const found: RendererCalls = { methods: new Set(), problems: [] };
    for (const file of list) {
      const sf = program.getSourceFile(file);
      if (!sf) throw new Error(`not in the program: ${file}`);
      const visit = (node: ts.Node): void => {
        if (ts.isCallExpression(node)) visitCall(checker, node, found);
        if (ts.isAsExpression(node)) visitCast(checker, node, found);
        ts.forEachChild(node, visit);
      };
      visit(sf);
    }
    return found;
  };
  return { ...read(files), extra: read(extra) };
}
