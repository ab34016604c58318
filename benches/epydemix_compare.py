#!/usr/bin/env python3
"""Muster against epydemix on the same no-action metapopulation SEIR, timed in one run.

The model: 20 districts, daily commuting flows, SEIR (no asymptomatic cases, no hospital, no
detection), a 6-hour step, 14 days, 100 runs. Both simulators draw chain-binomial transitions
with probability 1 - exp(-rate * dt). Muster's force of infection on residents of d is
beta * sum_j M'_dj * (sum_k M'_kj I_k) / P_j (people present in j); epydemix's is
beta * sum_k C_dk I_k / N_k, which is the same with C_dk = N_k * sum_j M'_dj M'_kj / P_j.

Timing: each side's N runs are timed --repeats times (epydemix after one untimed first call, which
compiles its kernels) and the medians compared, so one slow moment on a shared machine does not
decide the ratio; the fastest of each is printed too. Both sides use one thread.

Usage (from the repository root, after `cargo build --release`):
    pip install epydemix        # from PyPI; runs offline with use_default_population=True
    python3 benches/epydemix_compare.py [--runs 100] [--repeats 5] [--muster target/release/muster]
"""
import argparse
import os

# One thread for the numerical libraries too, so that the comparison is thread for thread.
for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "NUMBA_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

import statistics
import subprocess
import sys
import tempfile
import time

import numpy as np

DISTRICTS = 20
DAYS = 14
BETA = 0.4  # infections per infectious person per day
LATENT_DAYS = 4.0
INFECTIOUS_DAYS = 5.0
SEEDED = {0: 30, 7: 20, 13: 10}  # district -> initially infectious


def populations():
    rng = np.random.default_rng(20)
    return (rng.integers(50_000, 400_000, DISTRICTS)).astype(float)


def mobility():
    """Share of each district's residents spending the day in each other one (ring + hub)."""
    m = np.zeros((DISTRICTS, DISTRICTS))
    for d in range(DISTRICTS):
        m[d, (d + 1) % DISTRICTS] += 0.04
        m[d, (d - 1) % DISTRICTS] += 0.03
        if d != 0:
            m[d, 0] += 0.06  # everyone commutes a little to the centre
    return m


def scenario_text(pop, m):
    lines = ["Scenario(",
             '    meta: (id: "seir-20", title: "20-district SEIR (epydemix comparison)", start: "2026-01-01T00:00", duration: "%dd", time_step: "6h"),' % DAYS,
             '    city: (name: "Twenty", districts: [']
    for d in range(DISTRICTS):
        lines.append('        (id: "d%d", name: "District %d", population: %d, position: (%d.0, 0.0)),' % (d, d, pop[d], d))
    lines.append("    ], mobility: Flows([")
    for a in range(DISTRICTS):
        for b in range(DISTRICTS):
            if m[a, b] > 0:
                lines.append('        (from: "d%d", to: "d%d", share: %.6f),' % (a, b, float(m[a, b])))
    lines.append("    ])),")
    lines.append('    pathogen: (name: "SEIR", transmission_rate: %r, latent_days: %r, infectious_days: %r, asymptomatic_share: 0.0, hospitalisation_rate: 0.0),' % (BETA, LATENT_DAYS, INFECTIOUS_DAYS))
    lines.append("    surveillance: (care_seeking: 0.0),")
    lines.append("    initial_cases: [" + ", ".join('(district: "d%d", count: %d)' % (d, n) for d, n in SEEDED.items()) + "],")
    lines.append('    agencies: [(id: "health", name: "Health", kind: Health)],')
    lines.append('    teams: [(id: "t", name: "T", agencies: ["health"])],')
    lines.append(")")
    return "\n".join(lines) + "\n"


def contact_matrix(pop, m):
    """C_dk = N_k * sum_j M'_dj M'_kj / P_j, with M' including the share staying home."""
    full = m.copy()
    np.fill_diagonal(full, 1.0 - m.sum(axis=1))
    present = full.T @ pop  # P_j = sum_k M'_kj N_k
    return (full / present) @ full.T * pop[np.newaxis, :]


def time_muster(muster, path, runs):
    """Seconds for `runs` seeds, as `muster bench` measures them inside the process."""
    out = subprocess.run([muster, "bench", path, "--runs", str(runs)], check=True, capture_output=True, text=True).stdout
    # "100 runs: 0.029 s (0.290 ms per run), ...": the per-run figure has more digits.
    line = next(l for l in out.splitlines() if l.startswith("%d runs:" % runs))
    ms_per_run = float(line.split("(")[1].split()[0])
    return ms_per_run * runs / 1000.0


def muster_curves(muster, path, runs):
    """Daily prevalence (E + I) and cumulative infections, summed over districts, per run."""
    prevalence, cumulative = [], []
    with tempfile.TemporaryDirectory() as tmp:
        for seed in range(runs):
            csv = os.path.join(tmp, "run.csv")
            subprocess.run([muster, "run", path, "--seed", str(seed), "--csv", csv], check=True, capture_output=True)
            data = np.genfromtxt(csv, delimiter=",", names=True, dtype=None, encoding="utf-8")
            days = sorted({t for t in data["t"] if t % 1440 == 0})
            prevalence.append([sum(r["e"] + r["i"] for r in data if r["t"] == t) for t in days])
            cumulative.append([sum(r["infections"] for r in data if r["t"] == t) for t in days])
    return np.array(prevalence), np.array(cumulative)


def run_epydemix(pop, m, runs, resample_frequency="D"):
    """Times epydemix's `runs` runs. resample_frequency "D" (its default) returns daily values;
    None returns every 6-hour step, as Muster records them, and spares it pandas' resampling."""
    from epydemix import EpiModel
    from epydemix.population import Population

    population = Population(name="twenty")
    population.add_population(Nk=list(pop), Nk_names=["d%d" % d for d in range(DISTRICTS)])
    population.add_contact_matrix(contact_matrix(pop, m), layer_name="all")
    # use_default_population stays True (the default): with False the package downloads data.
    model = EpiModel(name="seir-20", compartments=["S", "E", "I", "R"])
    model.set_population(population)
    model.add_transition("S", "E", kind="mediated", params=(BETA, "I"))
    model.add_transition("E", "I", kind="spontaneous", params=1.0 / LATENT_DAYS)
    model.add_transition("I", "R", kind="spontaneous", params=1.0 / INFECTIOUS_DAYS)
    infected = np.zeros(DISTRICTS)
    for d, n in SEEDED.items():
        infected[d] = n
    initial = {"S": pop - infected, "E": np.zeros(DISTRICTS), "I": infected, "R": np.zeros(DISTRICTS)}
    start = time.perf_counter()
    results = model.run_simulations(start_date="2026-01-01", end_date="2026-01-%02d" % (DAYS + 1), initial_conditions_dict=initial, Nsim=runs, dt=0.25, rng=1, resample_frequency=resample_frequency)
    seconds = time.perf_counter() - start
    if resample_frequency is None:
        return seconds, None, None
    stacked = results.get_stacked_compartments()
    prevalence = stacked["E_total"] + stacked["I_total"]
    cumulative = pop.sum() - stacked["S_total"]
    return seconds, prevalence, cumulative


def ks_statistic(a, b):
    """Two-sample Kolmogorov-Smirnov statistic."""
    values = np.sort(np.concatenate([a, b]))
    fa = np.searchsorted(np.sort(a), values, side="right") / len(a)
    fb = np.searchsorted(np.sort(b), values, side="right") / len(b)
    return float(np.max(np.abs(fa - fb)))


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=100)
    parser.add_argument("--repeats", type=int, default=5, help="timings of each side (median compared)")
    parser.add_argument("--muster", default=os.path.join("target", "release", "muster"))
    args = parser.parse_args()
    pop, m = populations(), mobility()
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "seir-20.ron")
        with open(path, "w") as f:
            f.write(scenario_text(pop, m))
        subprocess.run([args.muster, "validate", path], check=True, capture_output=True)
        muster_times = [time_muster(args.muster, path, args.runs) for _ in range(args.repeats)]
        m_prev, m_cum = muster_curves(args.muster, path, args.runs)
    # The first call compiles epydemix's kernels; the later ones are the steady-state figures.
    cold_s, _, _ = run_epydemix(pop, m, args.runs)
    epydemix_times = []
    for _ in range(args.repeats):
        seconds, e_prev, e_cum = run_epydemix(pop, m, args.runs)
        epydemix_times.append(seconds)
    per_step_times = [run_epydemix(pop, m, args.runs, None)[0] for _ in range(args.repeats)]
    muster_s, epi_s = statistics.median(muster_times), statistics.median(epydemix_times)
    per_step_s = statistics.median(per_step_times)
    print("Same model, same step (6 h), %d districts, %d days, %d runs, one thread each, %d timings each"
          % (DISTRICTS, DAYS, args.runs, args.repeats))
    print("  Muster:   median %.4f s (fastest %.4f s)" % (muster_s, min(muster_times)))
    print("  epydemix: median %.3f s warm (fastest %.3f s; %.3f s on the first call, with compilation)"
          % (epi_s, min(epydemix_times), cold_s))
    print("  epydemix without daily resampling (results every step, like Muster's): median %.3f s (fastest %.3f s)"
          % (per_step_s, min(per_step_times)))
    print("  Muster is %.0fx faster than warm epydemix, median against median (%.0fx fastest against fastest)"
          % (epi_s / muster_s, min(epydemix_times) / min(muster_times)))
    print("  and %.0fx faster than epydemix without resampling (%.0fx fastest against fastest)"
          % (per_step_s / muster_s, min(per_step_times) / min(muster_times)))
    # epydemix's daily point is the last 6-hour step of each day (day d ends at d + 0.75);
    # Muster's rows are at midnight, so epydemix's day d lines up with Muster's day d + 1, and
    # both end exactly at day 14.
    print("\nday   prevalence E+I (mean, 5-95%%)            cumulative infections (mean)")
    print("      %-18s %-18s  %-10s %-10s" % ("Muster", "epydemix", "Muster", "epydemix"))
    for d in range(1, DAYS + 1):
        e = min(d - 1, e_prev.shape[1] - 1) if d < DAYS else e_prev.shape[1] - 1
        print("%3d   %7.0f [%5.0f-%5.0f]  %7.0f [%5.0f-%5.0f]  %10.0f %10.0f" % (
            d, m_prev[:, d].mean(), np.percentile(m_prev[:, d], 5), np.percentile(m_prev[:, d], 95),
            e_prev[:, e].mean(), np.percentile(e_prev[:, e], 5), np.percentile(e_prev[:, e], 95),
            m_cum[:, d].mean(), e_cum[:, e].mean()))
    final_m, final_e = m_cum[:, DAYS], e_cum[:, -1]
    ks = ks_statistic(final_m, final_e)
    critical = 1.36 * np.sqrt(2.0 / args.runs)  # 5% level
    rel = abs(final_m.mean() - final_e.mean()) / final_e.mean()
    print("\nfinal cumulative infections: Muster mean %.0f, epydemix mean %.0f (%.1f%% apart)" % (final_m.mean(), final_e.mean(), rel * 100))
    print("two-sample KS statistic %.3f (5%% critical value %.3f): %s" % (ks, critical, "same distribution" if ks < critical else "DIFFERENT"))
    return 0 if ks < critical else 1


if __name__ == "__main__":
    sys.exit(main())
