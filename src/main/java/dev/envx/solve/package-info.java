/**
 * The ecosystem-free dependency solver: a CDCL SAT solver over package candidates supplied lazily by a
 * {@link dev.envx.solve.Provider}, with conflict explanation. It knows nothing about conda or PyPI; an adapter in
 * {@code dev.envx.resolve} maps names, records and match specs to small {@code int} ids.
 *
 * <h2>Model</h2>
 * <ul>
 *   <li><b>name</b>: a package name; {@link dev.envx.solve.Provider#candidates(int)} lists its candidates, most
 *       preferred first (conda: highest version, then build number, fewer track_features, newest timestamp).
 *       Called once per name, and only for names the search reaches.</li>
 *   <li><b>candidate</b>: one installable record; belongs to one name and to the <b>exclusion groups</b> of its
 *       name and of {@link dev.envx.solve.Provider#extraGroups(int)} (default: none); at most one candidate per
 *       group is chosen. A cross-ecosystem adapter adds a group per PyPI name so a conda package providing
 *       {@code numpy} and a numpy wheel are never both chosen. Extra group ids are a space of their own, never
 *       confused with name ids (names allocated after groups stay apart).</li>
 *   <li><b>version set</b>: a requirement or constraint; {@link dev.envx.solve.Provider#namesOf(int)} lists the
 *       names it ranges over (one, or several: {@code numpy>=1} met by the conda package or by a wheel) and
 *       {@link dev.envx.solve.Provider#matches(int, int)} (or a faster {@code filter}) decides membership.
 *       Candidates meeting a requirement are tried in the order of {@code namesOf}, then provider order, with
 *       {@link dev.envx.solve.Provider#favored(int) favored} (locked) candidates first.</li>
 *   <li><b>dependencies</b> of a candidate ({@link dev.envx.solve.Dependencies}): requirements (one chosen
 *       candidate must be in each set) and constraints ({@code constrains}/{@code run_constrained}: no chosen
 *       candidate of the set's names may lie outside it; names never reached stay unloaded). Asked once, when the
 *       candidate is first chosen during search.</li>
 *   <li>The {@link dev.envx.solve.Problem}: root requirements and root constraints (version set ids).
 *       {@link dev.envx.solve.Provider#excluded(int)} forbids candidates, with a reason shown in explanations.</li>
 * </ul>
 *
 * <h2>Result</h2>
 * {@link dev.envx.solve.Solver#solve(Problem)} returns a {@link dev.envx.solve.SolveResult}: either a
 * {@link dev.envx.solve.SolveResult.Solution} (chosen candidate ids) or a
 * {@link dev.envx.solve.SolveResult.Conflict} whose {@link dev.envx.solve.ConflictGraph} holds the unsatisfiable
 * core (requirements and incompatibilities) and renders it as a tree, merging candidates of one name that fail for
 * the same reason ("foo 1.2 | 1.1 | 1.0 would require ..."). All text goes through the provider's {@code display*}
 * callbacks. {@link dev.envx.solve.SolutionChecker} verifies any choice independently of the solver.
 *
 * <h2>Example</h2>
 * <pre>{@code
 * // names: 0 = numpy, 1 = python; candidates: 0 = numpy 2, 1 = python 3.11, 2 = python 3.8
 * // version sets: 0 = "numpy", 1 = "python >=3.9", 2 = "python <3.9"
 * Provider p = new Provider() {
 *   public int[] candidates(int name) { return name == 0 ? new int[] {0} : new int[] {1, 2}; }
 *   public int nameOf(int c) { return c == 0 ? 0 : 1; }
 *   public Dependencies dependencies(int c) {
 *     return c == 0 ? new Dependencies(new int[] {1}, new int[0]) : Dependencies.NONE;
 *   }
 *   public int[] namesOf(int vs) { return new int[] {vs == 0 ? 0 : 1}; }
 *   public boolean matches(int vs, int c) { return vs == 0 || (vs == 1) == (c == 1); }
 *   public String displayName(int n) { return n == 0 ? "numpy" : "python"; }
 *   public String displayVersion(int c) { return new String[] {"2", "3.11", "3.8"}[c]; }
 *   public String displayVersionSet(int vs) { return new String[] {"numpy", "python >=3.9", "python <3.9"}[vs]; }
 * };
 * SolveResult r = new Solver(p).solve(new Problem(new int[] {0, 2}, new int[0]));
 * if (r instanceof SolveResult.Conflict c) {
 *   System.err.print(c.render());
 *   // the following requirements are incompatible:
 *   // ├─ numpy can be installed with any of the following options:
 *   // │  └─ numpy 2 would require
 *   // │     └─ python >=3.9 can be installed with any of the following options:
 *   // │        └─ python 3.11, which conflicts with python 3.8 (only one `python` can be installed)
 *   // └─ python <3.9 can be installed with any of the following options:
 *   //    └─ python 3.8, which conflicts with python 3.11 (only one `python` can be installed)
 * } else {
 *   int[] chosen = ((SolveResult.Solution) r).candidates();
 * }
 * }</pre>
 *
 * <h2>Engine</h2>
 * One boolean variable per candidate of every reached name; requirement clauses {@code ¬a ∨ b1 ∨ … ∨ bn}, binary
 * constraint clauses, watched-literal propagation, native at-most-one per group (a chosen member sets every other
 * known member false; the binary clause is materialised only for conflict analysis, so no pairwise or chain clauses
 * are needed and members reached later join the group cheaply), 1-UIP learning with antecedents kept for the
 * explanation, the backjump level computed as usual but only the conflict level undone (chronological backtracking: literals implied below stay on the trail with their true level), and decisions that
 * follow requirements in order (root first, then requirements of chosen candidates in the order they were chosen),
 * each time choosing the most preferred candidate not yet false. Deterministic. Ids must be small non-negative
 * ints: the solver indexes arrays by them.
 */
package dev.envx.solve;
