/** One problem with the `needs` graph of `publish.targets`, at the key that causes it. */
export interface GraphProblem {
  /** Path under `publish.targets`, e.g. `["homebrew", "needs", 0]`. */
  path: (string | number)[];
  message: string;
}

/**
 * What is wrong with the `needs` of the targets: a name that is not a target, a target that
 * needs itself, and each cycle (named once, from its first target in config order).
 */
export function targetGraphProblems(targets: Readonly<Record<string, { needs: readonly string[] }>>): GraphProblem[] {
  const names = Object.keys(targets);
  const problems: GraphProblem[] = [];
  for (const [name, { needs }] of Object.entries(targets)) {
    needs.forEach((need, index) => {
      if (need === name) problems.push({ path: [name, "needs", index], message: `target ${name} needs itself; remove ${name} from its own needs` });
      else if (!Object.hasOwn(targets, need)) {
        problems.push({ path: [name, "needs", index], message: `names ${need}, which is not a target under publish.targets (targets: ${names.join(", ")})` });
      }
    });
  }
  for (const cycle of findCycles(targets)) {
    const [first = ""] = cycle;
    problems.push({
      path: [first, "needs"],
      message: `the targets ${[...cycle, first].join(" → ")} need each other in a circle, so none of them could ever run; remove one of these needs`,
    });
  }
  return problems;
}

/** Each cycle of two or more targets once (self-needs are reported on their own). */
function findCycles(targets: Readonly<Record<string, { needs: readonly string[] }>>): string[][] {
  const state = new Map<string, "visiting" | "done">();
  const cycles: string[][] = [];
  const stack: string[] = [];
  const visit = (name: string): void => {
    state.set(name, "visiting");
    stack.push(name);
    for (const need of targets[name]?.needs ?? []) {
      if (need === name || !Object.hasOwn(targets, need)) continue;
      const seen = state.get(need);
      if (seen === "visiting") cycles.push(stack.slice(stack.indexOf(need)));
      else if (seen === undefined) visit(need);
    }
    stack.pop();
    state.set(name, "done");
  };
  for (const name of Object.keys(targets)) if (!state.has(name)) visit(name);
  return cycles;
}

/**
 * The longest chain of `needs` by duration: how long publishing takes at the least, when every
 * target runs as soon as its needs are done and `concurrency` never holds one back.
 */
export function criticalPath(targets: Readonly<Record<string, { needs: readonly string[] }>>, duration: (name: string) => number): number {
  const finish = new Map<string, number>();
  const end = (name: string): number => {
    const known = finish.get(name);
    if (known !== undefined) return known;
    finish.set(name, Number.POSITIVE_INFINITY); // a cycle never finishes (the config check refuses them)
    const start = Math.max(0, ...(targets[name]?.needs ?? []).filter((need) => Object.hasOwn(targets, need)).map(end));
    const done = start + duration(name);
    finish.set(name, done);
    return done;
  };
  return Math.max(0, ...Object.keys(targets).map(end));
}
