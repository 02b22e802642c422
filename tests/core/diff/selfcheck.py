#!/usr/bin/env python3
"""Checks of the reference model and the generator themselves, then of the
core on the same known-answer programs. Prints PASS/FAIL lines (and appends
them to --results).

Model and generator (expected values never come from refsim):
  - kat.py's ALU table agrees with an independent Python statement of the rules
  - gen.py's encodings agree with binutils' disassembler
  - refsim (sanitizer build) runs the KAT ALU program to exit 0, prints exactly
    the hand-written commit log of the KAT trap program, runs the compiled C
    program to exit 0 with the expected signature, honours --max-instr, and
    stays silent under ASan/UBSan on random programs
Core (obti_sim) on the same programs:
  - KAT ALU exit 0, KAT trap commit log, C program exit/signature/commit log
"""
import argparse
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import gen  # noqa: E402
import kat  # noqa: E402
from run import cut_after_exit, read_log  # noqa: E402

LIMIT = 5000000


def run(cmd):
    try:
        p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, timeout=120)
        return p.returncode, p.stdout + p.stderr
    except subprocess.TimeoutExpired:
        return -1, 'timeout'


def first_diff(got, want):
    n = min(len(got), len(want))
    i = next((k for k in range(n) if got[k] != want[k]), n)
    g = got[i] if i < len(got) else '<end>'
    w = want[i] if i < len(want) else '<end>'
    return 'line %d: got "%s", expected "%s"' % (i + 1, g, w)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('--refsim', required=True, help='refsim built with sanitizers')
    ap.add_argument('--sim', help='build/sim/obti_sim (core checks skipped without it)')
    ap.add_argument('--cprog', required=True, help='the compiled tests/core/diff/cprog ELF')
    ap.add_argument('--work', default='build/diff/selfcheck')
    ap.add_argument('--objdump', default='riscv64-unknown-elf-objdump')
    ap.add_argument('--results')
    a = ap.parse_args()
    os.makedirs(a.work, exist_ok=True)
    w = lambda name: os.path.join(a.work, name)  # noqa: E731
    lines = []

    def check(ok, name, why=''):
        lines.append(('PASS %s' % name) if ok else ('FAIL %s: %s' % (name, why)))

    bad = kat.selfcheck()
    check(not bad, 'diff-model: KAT ALU table agrees with an independent Python statement of the rules',
          '; '.join(bad[:3]))

    bad = []
    for seed in (1, 2, 3):
        try:
            bad += gen.check_encodings(gen.generate(seed), a.objdump)
        except (OSError, subprocess.CalledProcessError) as e:
            bad.append('objdump: %s' % e)
    check(not bad, 'diff-model: generator encodings agree with %s' % os.path.basename(a.objdump),
          '; '.join(bad[:3]))

    with open(w('kat_alu.hex'), 'w') as f:
        f.write(kat.alu_program().hex_text())
    prog, expected = kat.trap_program()
    with open(w('kat_trap.hex'), 'w') as f:
        f.write(prog.hex_text())
    with open(w('kat_trap.expected'), 'w') as f:
        f.write('\n'.join(expected) + '\n')
    with open(os.path.join(HERE, 'cprog', 'prog.sig')) as f:
        sig_want = f.read().split()

    rc, out = run([a.refsim, '--quiet', '--max-instr', str(LIMIT), w('kat_alu.hex')])
    check(rc == 0 and not out, 'diff-model: refsim passes the KAT ALU program (%d cases)'
          % (len(kat.ALU_CASES) + len(kat.BRANCH_CASES) + len(kat.MEM_CASES) + 4),
          'exit %d (= number of the failing case) %s' % (rc, out.strip()))

    rc, out = run([a.refsim, '--quiet', '--max-instr', str(LIMIT), '--commit-log', w('kat_trap.ref.log'),
                   w('kat_trap.hex')])
    got = read_log(w('kat_trap.ref.log'))
    check(rc == 0 and got == expected and not out,
          'diff-model: refsim prints the hand-written commit log of the KAT trap program (%d lines)'
          % len(expected), 'exit %d, %s %s' % (rc, first_diff(got, expected), out.strip()))

    rc, out = run([a.refsim, '--quiet', '--max-instr', str(LIMIT), '--signature', w('cprog.ref.sig'),
                   '--commit-log', w('cprog.ref.log'), a.cprog])
    sig = open(w('cprog.ref.sig')).read().split() if os.path.exists(w('cprog.ref.sig')) else []
    check(rc == 0 and sig == sig_want and not out,
          'diff-model: refsim runs the compiled C program (exit 0, expected signature)',
          'exit %d (= failing check), signature %s %s' % (rc, first_diff(sig, sig_want), out.strip()))

    with open(w('loop.hex'), 'w') as f:
        f.write('@00000000\n6F 00 00 00\n')            # jal x0, 0
    rc, out = run([a.refsim, '--quiet', '--max-instr', '1000', w('loop.hex')])
    check(rc == 124, 'diff-model: refsim --max-instr stops a program that never exits (exit 124)',
          'exit %d' % rc)

    noisy = []
    for seed in range(900001, 900021):
        with open(w('san.hex'), 'w') as f:
            f.write(gen.generate(seed).hex_text())
        rc, out = run([a.refsim, '--quiet', '--max-instr', str(LIMIT), '--commit-log', w('san.log'),
                       w('san.hex')])
        if rc != 0 or out:
            noisy.append('seed %d: exit %d %s' % (seed, rc, out.strip()[:200]))
    check(not noisy, 'diff-model: refsim is clean under ASan/UBSan on 20 random programs',
          '; '.join(noisy[:2]))

    if a.sim and os.path.exists(a.sim):
        sim = [a.sim, '--quiet', '--max-cycles', str(LIMIT)]
        rc, out = run(sim + [w('kat_alu.hex')])
        check(rc == 0, 'diff-core: obti_sim passes the KAT ALU program',
              'exit %d (= number of the failing case in kat.py)' % rc)

        rc, out = run(sim + ['--commit-log', w('kat_trap.sim.log'), w('kat_trap.hex')])
        got, _ = cut_after_exit(read_log(w('kat_trap.sim.log')))
        check(rc == 0 and got == expected,
              'diff-core: obti_sim commit log of the KAT trap program matches the hand-written one',
              'exit %d, %s' % (rc, first_diff(got, expected)))

        rc, out = run(sim + ['--signature', w('cprog.sim.sig'), '--commit-log', w('cprog.sim.log'), a.cprog])
        sig = open(w('cprog.sim.sig')).read().split() if os.path.exists(w('cprog.sim.sig')) else []
        got, _ = cut_after_exit(read_log(w('cprog.sim.log')))
        want = read_log(w('cprog.ref.log'))
        check(rc == 0 and sig == sig_want and got == want,
              'diff-core: obti_sim runs the compiled C program like refsim (exit, signature, commit log)',
              'exit %d, signature %s, commit log %s' % (rc, first_diff(sig, sig_want), first_diff(got, want)))
    else:
        check(False, 'diff-core: known-answer programs on obti_sim', 'no simulator at %s' % a.sim)

    for line in lines:
        print(line)
    if a.results:
        with open(a.results, 'a') as f:
            f.write(''.join(line + '\n' for line in lines))


if __name__ == '__main__':
    main()
