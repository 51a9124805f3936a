// jsonld and rdf-canonize ship no types; only the calls SkillPass makes are declared.
declare module 'jsonld' {
  const jsonld: {
    toRDF(input: unknown, options: Record<string, unknown>): Promise<unknown[]>;
    expand(input: unknown, options: Record<string, unknown>): Promise<unknown[]>;
    compact(
      input: unknown,
      context: unknown,
      options: Record<string, unknown>,
    ): Promise<Record<string, unknown>>;
    processContext(activeCtx: unknown, localCtx: unknown, options: Record<string, unknown>): Promise<unknown>;
  };
  export default jsonld;
}
declare module 'rdf-canonize' {
  export function canonize(dataset: unknown, options: Record<string, unknown>): Promise<string>;
}
