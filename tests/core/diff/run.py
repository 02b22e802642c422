#!/usr/bin/env python3
"""Random differential test: the core (build/sim/obti_sim) against the
reference model (refsim) on programs from gen.py.

For each seed the program is generated in-process, run on both, and the two
commit logs (docs/simulation.md) and exit codes must be identical. Writes
PASS/FAIL lines to --results; prints mismatch details (seed, line, both lines,
the generator's listing around the pc) on stdout. Files of failing seeds are
kept in --work.

Usage: run.py --sim SIM --refsim REFSIM --seeds A-B [--jobs N] [--work DIR]
              [--results FILE] [--max-cycles N]
"""
import argparse
import multiprocessing
import os
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import gen  # noqa: E402

EXIT_STORE = ' st %08x ' % gen.EXIT_ADDR


def read_log(path):
    try:
        with open(path) as f:
            return f.read().splitlines()
    except OSError:
        return []


def cut_after_exit(lines):
    """Split a log after the first store to EXIT: (lines up to it, the rest)."""
    for i, line in enumerate(lines):
        if EXIT_STORE in line:
            return lines[:i + 1], lines[i + 1:]
    return lines, []


def run_one(args):
    """Generate, run both, compare. Returns a dict describing the outcome."""
    seed, opt = args
    prog = gen.generate(seed)
    stem = os.path.join(opt['work'], 'seed%d' % seed)
    hexf, slog, rlog = stem + '.hex', stem + '.sim.log', stem + '.ref.log'
    with open(hexf, 'w') as f:
        f.write(prog.hex_text())
    res = {'seed': seed, 'ok': True, 'tail': None}
    try:
        rs = subprocess.run([opt['sim'], '--quiet', '--max-cycles', str(opt['max_cycles']),
                             '--commit-log', slog, hexf],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, timeout=60)
        rr = subprocess.run([opt['refsim'], '--quiet', '--max-instr', str(opt['max_cycles']),
                             '--commit-log', rlog, hexf],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, timeout=60)
    except subprocess.TimeoutExpired as e:
        res.update(ok=False, why='timeout running %s' % e.cmd[0])
        return res
    sim_lines, sim_tail = cut_after_exit(read_log(slog))
    ref_lines = read_log(rlog)
    if sim_tail:
        res['tail'] = sim_tail[0]
    n = min(len(sim_lines), len(ref_lines))
    first = next((i for i in range(n) if sim_lines[i] != ref_lines[i]), None)
    if first is None and len(sim_lines) != len(ref_lines):
        first = n
    if first is not None:
        res.update(ok=False, line=first + 1,
                   sim=sim_lines[first] if first < len(sim_lines) else '<end of log>',
                   ref=ref_lines[first] if first < len(ref_lines) else '<end of log>',
                   prev=ref_lines[max(0, first - 3):first],
                   why='commit logs differ at line %d' % (first + 1))
    elif rs.returncode != rr.returncode:
        res.update(ok=False, why='exit codes differ: obti_sim %d, refsim %d'
                   % (rs.returncode, rr.returncode))
    if res['ok']:
        for p in (hexf, slog, rlog):
            os.unlink(p)
    else:
        with open(stem + '.lst', 'w') as f:
            f.write(prog.listing())
        res['listing'] = prog.listing().splitlines()
        res['sim_rc'], res['ref_rc'] = rs.returncode, rr.returncode
        res['files'] = stem + '.*'
    return res


def pc_of(line):
    parts = line.split()
    if parts and parts[0] == 'trap':
        return int(parts[2], 16)
    try:
        return int(parts[0], 16)
    except (ValueError, IndexError):
        return None


def describe(res):
    out = ['seed %d: %s (obti_sim exit %s, refsim exit %s); files %s'
           % (res['seed'], res['why'], res.get('sim_rc'), res.get('ref_rc'), res.get('files'))]
    if 'line' in res:
        for p in res['prev']:
            out.append('   both: %s' % p)
        out.append('  core : %s' % res['sim'])
        out.append('  model: %s' % res['ref'])
        pcs = {pc_of(res['sim']), pc_of(res['ref'])} | {pc_of(p) for p in res['prev'][-1:]}
        lst = res['listing']
        idx = [i for i, line in enumerate(lst) if int(line[:8], 16) in pcs]
        if idx:
            out.append('  program around there (gen.py listing):')
            for line in lst[max(0, min(idx) - 4):max(idx) + 3]:
                out.append('    ' + line)
    return '\n'.join(out)


def parse_seeds(text):
    a, _, b = text.partition('-')
    return range(int(a), int(b or a) + 1)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('--sim', required=True)
    ap.add_argument('--refsim', required=True)
    ap.add_argument('--seeds', default='1-2000')
    ap.add_argument('--jobs', type=int, default=os.cpu_count() or 2)
    ap.add_argument('--work', default='build/diff/work')
    ap.add_argument('--results')
    ap.add_argument('--max-cycles', type=int, default=200000)
    ap.add_argument('--max-report', type=int, default=10, help='FAIL lines at most')
    a = ap.parse_args()
    os.makedirs(a.work, exist_ok=True)
    seeds = parse_seeds(a.seeds)
    opt = {'sim': a.sim, 'refsim': a.refsim, 'work': a.work, 'max_cycles': a.max_cycles}

    t0 = time.time()
    fails, tails = [], []
    with multiprocessing.Pool(a.jobs) as pool:
        for res in pool.imap_unordered(run_one, ((s, opt) for s in seeds), chunksize=8):
            if not res['ok']:
                fails.append(res)
            if res['tail'] is not None:
                tails.append(res)
    dt = time.time() - t0
    fails.sort(key=lambda r: r['seed'])
    tails.sort(key=lambda r: r['seed'])

    lines = []
    for res in fails[:a.max_report]:
        print(describe(res))
        lines.append('FAIL diff seed %d: %s: core "%s", model "%s"'
                     % (res['seed'], res['why'], res.get('sim', ''), res.get('ref', ''))
                     if 'line' in res else 'FAIL diff seed %d: %s' % (res['seed'], res['why']))
    if len(fails) > a.max_report:
        lines.append('FAIL diff: %d more mismatching seeds not listed' % (len(fails) - a.max_report))
    if not fails:
        lines.append('PASS diff: %d random programs (seeds %s), commit logs and exit codes match refsim'
                     % (len(seeds), a.seeds))
    if tails:
        t = tails[0]
        lines.append('FAIL diff: obti_sim logs events after the EXIT store in %d of %d programs '
                     '(first seed %d: "%s")' % (len(tails), len(seeds), t['seed'], t['tail']))
    else:
        lines.append('PASS diff: commit log ends at the EXIT store in all %d programs' % len(seeds))
    for line in lines:
        print(line)
    print('diff: %d programs in %.1f s, %d mismatches' % (len(seeds), dt, len(fails)))
    if a.results:
        with open(a.results, 'a') as f:
            f.write(''.join(line + '\n' for line in lines))


if __name__ == '__main__':
    main()
