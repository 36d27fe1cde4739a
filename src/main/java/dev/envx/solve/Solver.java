package dev.envx.solve;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A CDCL solver over candidates supplied lazily by a {@link Provider}.
 *
 * <p>One boolean variable per candidate of every name reached. Clauses: requirements {@code ¬a ∨ b1 ∨ … ∨ bn},
 * constraints {@code ¬a ∨ ¬b}, exclusions {@code ¬b}, learned clauses (1-UIP) with their antecedents kept for
 * conflict explanation. At-most-one per exclusion group is a native constraint (no pairwise clauses): when a
 * member becomes true every other known member is set false with that member as reason, and a second true member
 * is a conflict; the binary clause {@code ¬a ∨ ¬b} is materialised only when conflict analysis needs it.
 *
 * <p>Laziness: a name's candidates are loaded when a requirement or constraint first mentions it; a candidate's
 * dependencies are turned into clauses when it first becomes true. Decisions follow requirements in the order
 * they were created (root first) and pick the most preferred candidate that is not yet false, which yields the
 * "highest version" solution for explicitly requested names.
 *
 * <p>A solver instance solves one {@link Problem}; it is not thread-safe.
 */
public final class Solver {
  // clause kinds
  static final byte REQUIRES = 0;
  static final byte CONSTRAINS = 1;
  static final byte FORBID = 2; // at most one per group
  static final byte EXCLUDED = 3;
  static final byte LEARNED = 4;

  private static final int NO_REASON = -1;
  private static final int CHRONO_THRESHOLD = 0;
  private final int chronoThreshold;

  private final Provider provider;
  private boolean used;

  // names (indexed by provider name id)
  private int[][] nameCands = new int[64][];
  private IntList[] pendingConstraints = new IntList[64]; // pairs (owner var or 0 for root, version set)
  private int namesLoaded;

  // version sets (indexed by provider version set id): matching vars in preference order
  private int[][] vsVars = new int[64][];

  // candidate id -> var (0 = none)
  private int[] candVar = new int[256];

  // exclusion groups: name id -> internal index + 1, and (a separate id space) provider extra group id ->
  // internal index + 1; groupKeys[internal] says which
  private int[] nameGroupIndex = new int[64];
  private int[] extraGroupIndex = new int[16];
  private final List<IntList> groupMembers = new ArrayList<>();
  private final List<ConflictGraph.Group> groupKeys = new ArrayList<>();
  private int[] trueMember = new int[16];

  // variables (1-based; 0 means "root" as a clause owner)
  private int nVars;
  private int[] varCand = new int[256];
  private byte[] value = new byte[256]; // 0 unassigned, 1 true, -1 false
  private int[] level = new int[256];
  private int[] reason = new int[256]; // clause id, NO_REASON, or -2 - var for an at-most-one implication
  private boolean[] expanded = new boolean[256];
  private boolean[] permanent = new boolean[256]; // false forever (excluded), not on the trail
  private int[][] varGroups = new int[256][];
  private byte[] seen = new byte[256];

  // clauses
  private int nClauses;
  private int[][] lits = new int[256][];
  private byte[] kind = new byte[256];
  private int[] owner = new int[256]; // var, 0 = root
  private int[] vset = new int[256]; // version set (REQUIRES, CONSTRAINS), group index (FORBID)
  private int[] witness = new int[256]; // REQUIRES: index into reqVars of the last satisfying candidate
  private int[][] reqVars = new int[256][];
  private final Map<Integer, int[]> antecedents = new HashMap<>();
  private final Map<Integer, String> excludedReasons = new HashMap<>();
  private final Map<Long, Integer> forbidClauses = new HashMap<>();
  private final IntList rootRequirements = new IntList(16);
  private int[][] varRequirements = new int[256][]; // requirement clauses of an expanded var
  private int decideHead; // requirements of true vars at trail positions below this are satisfied
  private int learnedCount;

  // watches, indexed by literal (var * 2 + negated)
  private IntList[] watches = new IntList[512];

  // trail
  private int[] trail = new int[256];
  private int trailSize;
  private int qhead;
  private int expandHead;
  private final IntList trailLim = new IntList(64);

  // units and conflicts found while attaching new clauses
  private final IntList pendingUnits = new IntList(16);
  private int attachConflict = -1;

  private int decisions;
  private int conflicts;
  private long propagations;

  public Solver(Provider provider) {
    this(provider, CHRONO_THRESHOLD);
  }

  /**
   * For tests: a backjump longer than {@code chronoThreshold} levels undoes only the conflict level (0, the
   * default, always; {@link Integer#MAX_VALUE} never).
   */
  Solver(Provider provider, int chronoThreshold) {
    this.provider = java.util.Objects.requireNonNull(provider, "provider");
    this.chronoThreshold = chronoThreshold;
  }

  /** Solves the problem; a solver instance can be used once. */
  public SolveResult solve(Problem problem) {
    if (used) {
      throw new IllegalStateException("a Solver solves one problem; create a new one");
    }
    used = true;
    int[] rootConstraints = problem.constraints();
    for (int vs : rootConstraints) {
      for (int name : provider.namesOf(vs)) {
        pending(name).add(0);
        pending(name).add(vs);
      }
    }
    for (int vs : problem.requirements()) {
      int[] vars = matchingVars(vs);
      addRequirement(0, vs, vars);
    }
    int conflict = flushPending();
    while (true) {
      if (conflict < 0) {
        conflict = propagateAndExpand();
      }
      if (conflict >= 0) {
        conflicts++;
        int highest = 0;
        for (int q : lits[conflict]) {
          highest = Math.max(highest, level[q >> 1]);
        }
        backtrack(highest); // a clause added late may conflict below the current level
        if (decisionLevel() == 0) {
          return new SolveResult.Conflict(buildGraph(conflict));
        }
        learn(conflict);
        conflict = -1;
        continue;
      }
      int decision = pickDecision();
      if (decision == 0) {
        return new SolveResult.Solution(chosen());
      }
      decisions++;
      trailLim.add(trailSize);
      assign(decision << 1, NO_REASON, decisionLevel());
    }
  }

  /** Counters of the last run. */
  public SolverStats stats() {
    return new SolverStats(namesLoaded, nVars, nClauses, learnedCount, decisions, conflicts, propagations);
  }

  // ---------------------------------------------------------------- loading

  private IntList pending(int name) {
    if (name >= pendingConstraints.length) {
      pendingConstraints = Arrays.copyOf(pendingConstraints, Math.max(name + 1, pendingConstraints.length * 2));
    }
    IntList l = pendingConstraints[name];
    if (l == null) {
      l = pendingConstraints[name] = new IntList(4);
    }
    return l;
  }

  private boolean loaded(int name) {
    return name < nameCands.length && nameCands[name] != null;
  }

  private void loadName(int name) {
    if (loaded(name)) {
      return;
    }
    if (name >= nameCands.length) {
      nameCands = Arrays.copyOf(nameCands, Math.max(name + 1, nameCands.length * 2));
    }
    int[] cands = provider.candidates(name);
    nameCands[name] = cands;
    namesLoaded++;
    int first = nVars + 1;
    for (int c : cands) {
      if (c < candVar.length && candVar[c] != 0) {
        throw new IllegalStateException("candidate " + c + " is listed under two names");
      }
      int v = newVar(c);
      String why = provider.excluded(c);
      if (why != null) {
        int cid = newClause(new int[] {neg(v)}, EXCLUDED, 0, -1);
        excludedReasons.put(cid, why);
        makePermanentlyFalse(v, cid);
      }
    }
    // constraints waiting for this name (root constraints, constraints of candidates chosen earlier)
    if (name < pendingConstraints.length && pendingConstraints[name] != null) {
      IntList p = pendingConstraints[name];
      for (int i = 0; i < p.size; i += 2) {
        applyConstraint(p.a[i], p.a[i + 1], name);
      }
    }
    // exclusion groups
    for (int v = first; v <= nVars; v++) {
      if (permanent[v]) {
        varGroups[v] = new int[0];
        continue;
      }
      int[] extra = provider.extraGroups(varCand[v]);
      int[] internal = new int[extra.length + 1];
      for (int i = 0; i <= extra.length; i++) {
        int gi = i == 0 ? group(false, provider.nameOf(varCand[v])) : group(true, extra[i - 1]);
        internal[i] = gi;
        groupMembers.get(gi).add(v);
        int t = trueMember[gi];
        if (t != 0 && value[v] == 0) {
          assign(neg(v), -2 - t, level[t]); // implied at the level of the chosen member
        }
      }
      varGroups[v] = internal;
    }
  }

  /** The internal index of a name's group or (a separate id space) of an extra group, created on first use. */
  private int group(boolean extra, int g) {
    int[] index = extra ? extraGroupIndex : nameGroupIndex;
    if (g >= index.length) {
      index = Arrays.copyOf(index, Math.max(g + 1, index.length * 2));
      if (extra) {
        extraGroupIndex = index;
      } else {
        nameGroupIndex = index;
      }
    }
    if (index[g] == 0) {
      groupMembers.add(new IntList(8));
      groupKeys.add(extra ? ConflictGraph.Group.extra(g) : ConflictGraph.Group.name(g));
      index[g] = groupMembers.size();
      if (groupMembers.size() > trueMember.length) {
        trueMember = Arrays.copyOf(trueMember, trueMember.length * 2);
      }
    }
    return index[g] - 1;
  }

  private int newVar(int cand) {
    int v = ++nVars;
    if (v >= value.length) {
      int n = value.length * 2;
      varCand = Arrays.copyOf(varCand, n);
      value = Arrays.copyOf(value, n);
      level = Arrays.copyOf(level, n);
      reason = Arrays.copyOf(reason, n);
      expanded = Arrays.copyOf(expanded, n);
      permanent = Arrays.copyOf(permanent, n);
      varGroups = Arrays.copyOf(varGroups, n);
      varRequirements = Arrays.copyOf(varRequirements, n);
      seen = Arrays.copyOf(seen, n);
      watches = Arrays.copyOf(watches, 2 * n);
      trail = Arrays.copyOf(trail, n);
    }
    if (cand >= candVar.length) {
      candVar = Arrays.copyOf(candVar, Math.max(cand + 1, candVar.length * 2));
    }
    candVar[cand] = v;
    varCand[v] = cand;
    reason[v] = NO_REASON;
    return v;
  }

  private void makePermanentlyFalse(int v, int cid) {
    value[v] = -1;
    level[v] = 0;
    reason[v] = cid;
    permanent[v] = true;
  }

  /** The vars of the candidates in a version set, favored first, then in provider order. */
  private int[] matchingVars(int vs) {
    if (vs < vsVars.length && vsVars[vs] != null) {
      return vsVars[vs];
    }
    IntList out = new IntList(16);
    IntList rest = new IntList(16);
    for (int name : provider.namesOf(vs)) {
      loadName(name);
      for (int c : provider.filter(vs, nameCands[name], false)) {
        int v = candVar[c];
        if (provider.favored(c)) {
          out.add(v);
        } else {
          rest.add(v);
        }
      }
    }
    for (int i = 0; i < rest.size; i++) {
      out.add(rest.a[i]);
    }
    int[] vars = out.toArray();
    if (vs >= vsVars.length) {
      vsVars = Arrays.copyOf(vsVars, Math.max(vs + 1, vsVars.length * 2));
    }
    vsVars[vs] = vars;
    return vars;
  }

  /** Candidates of {@code name} outside {@code vs} conflict with {@code ownerVar} (0: with the root). */
  private void applyConstraint(int ownerVar, int vs, int name) {
    for (int d : provider.filter(vs, nameCands[name], true)) {
      int dv = candVar[d];
      if (permanent[dv]) {
        continue;
      }
      if (ownerVar == 0) {
        int cid = newClause(new int[] {neg(dv)}, CONSTRAINS, 0, vs);
        if (value[dv] != 0) {
          throw new IllegalStateException("root constraint applied after candidate was assigned");
        }
        makePermanentlyFalse(dv, cid);
        continue;
      }
      int cid = newClause(new int[] {neg(ownerVar), neg(dv)}, CONSTRAINS, ownerVar, vs);
      attach(cid);
    }
  }

  // ---------------------------------------------------------------- clauses

  private int newClause(int[] clauseLits, byte k, int ownerVar, int vs) {
    int cid = nClauses++;
    if (cid >= lits.length) {
      int n = lits.length * 2;
      lits = Arrays.copyOf(lits, n);
      kind = Arrays.copyOf(kind, n);
      owner = Arrays.copyOf(owner, n);
      vset = Arrays.copyOf(vset, n);
      witness = Arrays.copyOf(witness, n);
      reqVars = Arrays.copyOf(reqVars, n);
    }
    lits[cid] = clauseLits;
    kind[cid] = k;
    owner[cid] = ownerVar;
    vset[cid] = vs;
    return cid;
  }

  private int addRequirement(int ownerVar, int vs, int[] vars) {
    int off = ownerVar == 0 ? 0 : 1;
    // a candidate's requirement that nothing meets: ¬a twice, so that the clause is watched (a one-literal clause
    // added during search would be lost when the conflict it causes is not the one analysed)
    int[] cl = new int[off == 1 && vars.length == 0 ? 2 : vars.length + off];
    if (off == 1) {
      cl[0] = neg(ownerVar);
      cl[cl.length - 1] = neg(ownerVar);
    }
    for (int i = 0; i < vars.length; i++) {
      cl[i + off] = vars[i] << 1;
    }
    int cid = newClause(cl, REQUIRES, ownerVar, vs);
    reqVars[cid] = vars;
    if (ownerVar == 0) {
      rootRequirements.add(cid);
    }
    attach(cid);
    return cid;
  }

  private int rank(int lit) {
    int val = litValue(lit);
    if (val > 0) {
      return Integer.MAX_VALUE;
    }
    if (val == 0) {
      return Integer.MAX_VALUE - 1;
    }
    return level[lit >> 1];
  }

  /**
   * Watches a new clause against the current assignment. A clause that is unit is queued in {@link #pendingUnits};
   * the first conflicting one is remembered in {@link #attachConflict}; both are handled by {@link #flushPending}.
   */
  private void attach(int cid) {
    int[] cl = lits[cid];
    if (cl.length == 0) {
      if (attachConflict < 0) {
        attachConflict = cid;
      }
      return;
    }
    // move the two best literals to the front
    for (int w = 0; w < Math.min(2, cl.length); w++) {
      int best = w;
      int bestRank = rank(cl[w]);
      for (int i = w + 1; i < cl.length; i++) {
        int r = rank(cl[i]);
        if (r > bestRank) {
          best = i;
          bestRank = r;
        }
      }
      int t = cl[w];
      cl[w] = cl[best];
      cl[best] = t;
    }
    if (cl.length >= 2) {
      watch(cl[0], cid);
      watch(cl[1], cid);
    }
    int v0 = litValue(cl[0]);
    if (v0 > 0) {
      return;
    }
    if (v0 < 0) {
      if (attachConflict < 0) {
        attachConflict = cid;
      }
      return;
    }
    if (cl.length == 1 || litValue(cl[1]) < 0 || (cl.length == 2 && cl[0] == cl[1])) {
      pendingUnits.add(cid);
    }
  }

  private void watch(int lit, int cid) {
    IntList w = watches[lit];
    if (w == null) {
      w = watches[lit] = new IntList(4);
    }
    w.add(cid);
  }

  /** Assigns queued units, or returns the conflict found while attaching (then units are dropped). */
  private int flushPending() {
    int c = attachConflict;
    attachConflict = -1;
    if (c >= 0) {
      pendingUnits.size = 0;
      return c;
    }
    for (int i = 0; i < pendingUnits.size; i++) {
      int cid = pendingUnits.a[i];
      int lit = lits[cid][0];
      if (litValue(lit) == 0) {
        assign(lit, cid, otherLevels(lits[cid]));
      }
      // if it became false meanwhile, propagation of that assignment finds the conflict
    }
    pendingUnits.size = 0;
    return -1;
  }

  /** Turns a chosen candidate's dependencies into clauses. Returns a conflict clause or -1. */
  private int expand(int v) {
    expanded[v] = true;
    Dependencies deps = provider.dependencies(varCand[v]);
    int[] reqs = new int[deps.requirementCount()];
    for (int i = 0; i < reqs.length; i++) {
      int vs = deps.requirement(i);
      reqs[i] = addRequirement(v, vs, matchingVars(vs));
    }
    varRequirements[v] = reqs;
    for (int i = 0; i < deps.constraintCount(); i++) {
      int vs = deps.constraint(i);
      for (int name : provider.namesOf(vs)) {
        if (loaded(name)) {
          applyConstraint(v, vs, name);
        } else {
          pending(name).add(v);
          pending(name).add(vs);
        }
      }
    }
    return flushPending();
  }

  // ---------------------------------------------------------------- search

  private static int neg(int v) {
    return (v << 1) | 1;
  }

  private int litValue(int lit) {
    int val = value[lit >> 1];
    return (lit & 1) == 0 ? val : -val;
  }

  private int decisionLevel() {
    return trailLim.size;
  }

  /** The highest level among the literals of a clause except those of the first literal's variable. */
  private int otherLevels(int[] cl) {
    int l = 0;
    int v = cl[0] >> 1;
    for (int k = 1; k < cl.length; k++) {
      if (cl[k] >> 1 != v) {
        l = Math.max(l, level[cl[k] >> 1]);
      }
    }
    return l;
  }

  /**
   * Assigns {@code lit} at {@code lvl}, which may be below the current level (chronological backtracking and
   * clauses added during search imply literals at the level of their reasons); such literals stay on the trail
   * when higher levels are undone.
   */
  private void assign(int lit, int why, int lvl) {
    int v = lit >> 1;
    value[v] = (byte) ((lit & 1) == 0 ? 1 : -1);
    level[v] = lvl;
    reason[v] = why;
    trail[trailSize++] = lit;
  }

  private int propagateAndExpand() {
    while (true) {
      int c = propagate();
      if (c >= 0) {
        return c;
      }
      boolean did = false;
      while (expandHead < trailSize) {
        int lit = trail[expandHead++];
        if ((lit & 1) == 0 && !expanded[lit >> 1]) {
          c = expand(lit >> 1);
          if (c >= 0) {
            return c;
          }
          did = true;
          break;
        }
      }
      if (!did) {
        return -1;
      }
    }
  }

  private int propagate() {
    while (qhead < trailSize) {
      int p = trail[qhead++];
      propagations++;
      int falseLit = p ^ 1;
      IntList ws = watches[falseLit];
      if (ws != null) {
        int[] wa = ws.a;
        int n = ws.size;
        int i = 0;
        int j = 0;
        while (i < n) {
          int cid = wa[i++];
          int[] cl = lits[cid];
          if (cl[0] == falseLit) {
            cl[0] = cl[1];
            cl[1] = falseLit;
          }
          if (litValue(cl[0]) > 0) {
            wa[j++] = cid;
            continue;
          }
          boolean moved = false;
          for (int k = 2; k < cl.length; k++) {
            if (litValue(cl[k]) >= 0) {
              cl[1] = cl[k];
              cl[k] = falseLit;
              watch(cl[1], cid);
              moved = true;
              break;
            }
          }
          if (moved) {
            continue;
          }
          wa[j++] = cid;
          if (litValue(cl[0]) < 0) {
            while (i < n) {
              wa[j++] = wa[i++];
            }
            ws.size = j;
            return cid;
          }
          assign(cl[0], cid, otherLevels(cl));
        }
        ws.size = j;
      }
      if ((p & 1) == 0) {
        int c = propagateGroups(p >> 1);
        if (c >= 0) {
          return c;
        }
      }
    }
    return -1;
  }

  private int propagateGroups(int v) {
    for (int gi : varGroups[v]) {
      int t = trueMember[gi];
      if (t != 0 && t != v) {
        return forbidClause(gi, t, v);
      }
      trueMember[gi] = v;
      IntList m = groupMembers.get(gi);
      int[] ma = m.a;
      for (int i = 0, n = m.size; i < n; i++) {
        int o = ma[i];
        if (o == v) {
          continue;
        }
        byte val = value[o];
        if (val == 0) {
          assign(neg(o), -2 - v, level[v]);
        } else if (val > 0) {
          return forbidClause(gi, o, v);
        }
      }
    }
    return -1;
  }

  /** The clause {@code ¬a ∨ ¬b} of group {@code gi}, materialised on demand (not watched). */
  private int forbidClause(int gi, int a, int b) {
    long key = (((long) Math.min(a, b) << 32) | Math.max(a, b)) * 0x9E3779B97F4A7C15L; // spread Long.hashCode
    Integer cid = forbidClauses.get(key);
    if (cid == null) {
      cid = newClause(new int[] {neg(a), neg(b)}, FORBID, a, gi);
      forbidClauses.put(key, cid);
    }
    return cid;
  }

  private int sharedGroup(int a, int b) {
    for (int ga : varGroups[a]) {
      for (int gb : varGroups[b]) {
        if (ga == gb) {
          return ga;
        }
      }
    }
    throw new IllegalStateException("no shared group");
  }

  private int reasonClause(int v) {
    int r = reason[v];
    if (r >= 0) {
      return r;
    }
    int other = -2 - r;
    return forbidClause(sharedGroup(v, other), other, v);
  }

  /** 1-UIP conflict analysis, backjump, and assertion of the learned clause. */
  private void learn(int conflict) {
    IntList learnt = new IntList(16);
    learnt.add(0);
    IntList ants = new IntList(8);
    int current = decisionLevel();
    int pathC = 0;
    int p = -1;
    int idx = trailSize - 1;
    int[] cl0 = lits[conflict];
    ants.add(conflict);
    int[] amo = new int[2];
    while (true) {
      for (int q : cl0) {
        int v = q >> 1;
        if (p >= 0 && v == (p >> 1)) {
          continue;
        }
        if (seen[v] == 0 && level[v] > 0) {
          seen[v] = 1;
          if (level[v] >= current) {
            pathC++;
          } else {
            learnt.add(q);
          }
        }
      }
      while (seen[trail[idx] >> 1] == 0 || level[trail[idx] >> 1] != current) {
        idx--;
      }
      p = trail[idx];
      idx--;
      seen[p >> 1] = 0;
      pathC--;
      if (pathC <= 0) {
        break;
      }
      int r = reason[p >> 1];
      if (r >= 0) {
        ants.add(r);
        cl0 = lits[r];
      } else {
        // an at-most-one implication: ¬other ∨ ¬v, not materialised on this hot path; recorded as (-1 - v, other)
        int other = -2 - r;
        ants.add(-1 - (p >> 1));
        ants.add(other);
        amo[0] = neg(other);
        amo[1] = p;
        cl0 = amo;
      }
    }
    learnt.a[0] = p ^ 1;
    int bt = 0;
    int btIdx = -1;
    for (int i = 1; i < learnt.size; i++) {
      int v = learnt.a[i] >> 1;
      seen[v] = 0;
      if (level[v] > bt || btIdx < 0) {
        bt = level[v];
        btIdx = i;
      }
    }
    int[] cl = learnt.toArray();
    if (btIdx > 1) {
      int t = cl[1];
      cl[1] = cl[btIdx];
      cl[btIdx] = t;
    }
    int lc = newClause(cl, LEARNED, 0, -1);
    antecedents.put(lc, ants.toArray());
    learnedCount++;
    // chronological backtracking (Nadel & Ryvchin 2018): a long backjump would undo and then redo many
    // decisions that are re-made identically, so only the conflict level is undone; the learned literal is
    // still implied at level bt. Measured on scripts/bench-solver: threshold 0 (always) beats 20 and 100 by
    // 1.5-3x, and keeps early decisions (the root requests) as long as possible.
    backtrack(current - bt > chronoThreshold ? current - 1 : bt);
    if (cl.length >= 2) {
      watch(cl[0], lc);
      watch(cl[1], lc);
    }
    assign(cl[0], lc, bt);
  }

  /** Undoes every assignment above level {@code lvl}; lower-level literals above its start stay, in order. */
  private void backtrack(int lvl) {
    if (decisionLevel() <= lvl) {
      return;
    }
    int start = trailLim.a[lvl];
    int keep = start;
    for (int i = start; i < trailSize; i++) {
      int lit = trail[i];
      int v = lit >> 1;
      if (level[v] <= lvl) {
        trail[keep++] = lit;
        continue;
      }
      if ((lit & 1) == 0) {
        for (int gi : varGroups[v]) {
          if (trueMember[gi] == v) {
            trueMember[gi] = 0;
          }
        }
      }
      value[v] = 0;
    }
    trailSize = keep;
    qhead = Math.min(qhead, start);
    expandHead = Math.min(expandHead, start);
    decideHead = 0; // a requirement below may have lost the candidate that met it
    trailLim.size = lvl;
  }

  /**
   * The most preferred non-false candidate of the first unsatisfied requirement: root requirements first, then
   * those of chosen candidates in the order they were chosen. Returns 0 when every requirement is met.
   */
  private int pickDecision() {
    for (int r = 0; r < rootRequirements.size; r++) {
      int d = unmet(rootRequirements.a[r]);
      if (d != 0) {
        return d;
      }
    }
    for (; decideHead < trailSize; decideHead++) {
      int lit = trail[decideHead];
      if ((lit & 1) != 0) {
        continue;
      }
      int[] reqs = varRequirements[lit >> 1];
      for (int cid : reqs) {
        int d = unmet(cid);
        if (d != 0) {
          return d;
        }
      }
    }
    return 0;
  }

  /** 0 if the requirement clause is met (or cannot be), else its most preferred unassigned candidate. */
  private int unmet(int cid) {
    int[] vars = reqVars[cid];
    int w = witness[cid];
    if (w < vars.length && value[vars[w]] > 0) {
      return 0;
    }
    int firstFree = 0;
    for (int i = 0; i < vars.length; i++) {
      byte val = value[vars[i]];
      if (val > 0) {
        witness[cid] = i;
        return 0;
      }
      if (val == 0 && firstFree == 0) {
        firstFree = vars[i];
      }
    }
    return firstFree;
  }

  private int[] chosen() {
    IntList out = new IntList(64);
    for (int v = 1; v <= nVars; v++) {
      if (value[v] > 0) {
        out.add(varCand[v]);
      }
    }
    return out.toArray();
  }

  // ---------------------------------------------------------------- explanation

  /** Collects the original clauses behind the level-0 conflict and turns them into a {@link ConflictGraph}. */
  private ConflictGraph buildGraph(int conflict) {
    boolean[] visited = new boolean[nClauses + 64];
    IntList work = new IntList(64);
    IntList core = new IntList(64);
    work.add(conflict);
    while (work.size > 0) {
      int cid = work.a[--work.size];
      if (cid >= visited.length) {
        visited = Arrays.copyOf(visited, Math.max(cid + 1, visited.length * 2));
      }
      if (visited[cid]) {
        continue;
      }
      visited[cid] = true;
      if (kind[cid] == LEARNED) {
        int[] ants = antecedents.get(cid);
        for (int i = 0; i < ants.length; i++) {
          if (ants[i] >= 0) {
            work.add(ants[i]);
          } else {
            int v = -1 - ants[i];
            int other = ants[++i];
            work.add(forbidClause(sharedGroup(v, other), other, v));
          }
        }
      } else {
        core.add(cid);
      }
      for (int q : lits[cid]) {
        int v = q >> 1;
        if (value[v] != 0 && level[v] == 0 && litValue(q) < 0 && reason[v] != NO_REASON) {
          work.add(reasonClause(v));
        }
      }
    }
    int[] coreIds = core.toArray();
    Arrays.sort(coreIds); // creation order
    List<ConflictGraph.Requires> requires = new ArrayList<>();
    List<ConflictGraph.Incompatibility> incompatibilities = new ArrayList<>();
    for (int cid : coreIds) {
      int o = owner[cid] == 0 ? ConflictGraph.ROOT : varCand[owner[cid]];
      switch (kind[cid]) {
        case REQUIRES -> {
          int[] vars = reqVars[cid];
          int[] cands = new int[vars.length];
          for (int i = 0; i < vars.length; i++) {
            cands[i] = varCand[vars[i]];
          }
          requires.add(new ConflictGraph.Requires(o, vset[cid], cands));
        }
        case CONSTRAINS -> {
          int[] cl = lits[cid];
          int target = cl.length == 1 ? cl[0] >> 1 : (cl[0] >> 1 == owner[cid] ? cl[1] >> 1 : cl[0] >> 1);
          incompatibilities.add(new ConflictGraph.Constrained(o, vset[cid], varCand[target]));
        }
        case FORBID -> {
          int a = Math.min(lits[cid][0] >> 1, lits[cid][1] >> 1); // the more preferred first
          int b = Math.max(lits[cid][0] >> 1, lits[cid][1] >> 1);
          incompatibilities.add(new ConflictGraph.SameGroup(groupKeys.get(vset[cid]), varCand[a], varCand[b]));
        }
        case EXCLUDED -> incompatibilities.add(
            new ConflictGraph.Excluded(varCand[lits[cid][0] >> 1], excludedReasons.get(cid)));
        default -> throw new IllegalStateException("unexpected clause kind " + kind[cid]);
      }
    }
    return new ConflictGraph(provider, requires, incompatibilities, c -> candVar[c]);
  }
}
