#!/usr/bin/env python3
"""NumPy reference for the IonFlow FFT MSD kernel (io.ionflow.analyze.bench.MsdBench).

Same computation: full windowed MSD (max lag T-1, all time origins) of 64 3-D random walks,
per component and total, by the S1 - 2*S2 algorithm with zero-padded real FFTs; power spectra
are summed over atoms and inverted once. Prints atom-frames per second on one core.

Usage: python3 msd_numpy.py [T ...]        (default: 10000 100000)
Run single-threaded, e.g. OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 (numpy.fft does not thread).
"""
import sys
import time

import numpy as np


def next_power_of_two(n):
    return 1 << (n - 1).bit_length()


def next_fast_len(n):
    """Smallest 2^a 3^b 5^c >= n (pocketfft is fast on such lengths)."""
    best = next_power_of_two(n)
    p5 = 1
    while p5 < best:
        p35 = p5
        while p35 < best:
            m = p35
            while m < n:
                m *= 2
            best = min(best, m)
            p35 *= 3
        p5 *= 5
    return best


def msd_fft(pos, max_lag, nfft, chunk):
    """pos: (atoms, 3, T) float64. Returns (total, per-component (3, max_lag+1))."""
    atoms, _, t = pos.shape
    power = np.zeros((3, nfft // 2 + 1))
    s1 = np.zeros((3, max_lag + 1))
    lags = np.arange(max_lag + 1)
    for a0 in range(0, atoms, chunk):
        x = pos[a0:a0 + chunk]
        x = x - x.mean(axis=2, keepdims=True)          # centre each series
        f = np.fft.rfft(x, n=nfft, axis=2)
        power += (f.real ** 2 + f.imag ** 2).sum(axis=0)
        sq = x * x
        prefix = np.zeros(x.shape[:2] + (t + 1,))
        np.cumsum(sq, axis=2, out=prefix[:, :, 1:])
        s1 += (prefix[:, :, t - lags] + (prefix[:, :, t:t + 1] - prefix[:, :, lags])).sum(axis=0)
    r = np.fft.irfft(power, n=nfft, axis=1)[:, :max_lag + 1]
    comp = (s1 - 2.0 * r) / ((t - lags) * atoms)
    comp[:, 0] = 0.0
    return comp.sum(axis=0), comp


def bench(t, atoms=64, passes=5, chunk=8, fast_len=True):
    rng = np.random.default_rng(12345)
    pos = np.cumsum(0.1 * rng.standard_normal((atoms, 3, t)), axis=2)
    max_lag = t - 1
    nfft = next_fast_len(t + max_lag) if fast_len else next_power_of_two(t + max_lag)
    msd_fft(pos, max_lag, nfft, chunk)                   # warm-up
    best = float("inf")
    best_cpu = float("inf")
    for _ in range(passes):
        c0 = time.process_time()
        t0 = time.perf_counter()
        total, _ = msd_fft(pos, max_lag, nfft, chunk)
        best = min(best, time.perf_counter() - t0)
        best_cpu = min(best_cpu, time.process_time() - c0)
    assert np.isfinite(total[t // 2])
    return best, atoms * t / best, nfft, atoms * t / best_cpu


def check():
    """The FFT MSD equals the direct O(T^2) one."""
    rng = np.random.default_rng(1)
    pos = np.cumsum(rng.standard_normal((3, 3, 777)), axis=2)
    total, _ = msd_fft(pos, 776, next_fast_len(777 + 776), 2)
    direct = np.array([0.0] + [((pos[:, :, m:] - pos[:, :, :-m]) ** 2).sum(axis=1).mean(axis=1).mean()
                               for m in range(1, 777)])
    assert np.allclose(total, direct, rtol=1e-9, atol=0), "FFT MSD disagrees with direct MSD"


if __name__ == "__main__":
    sizes = [int(a) for a in sys.argv[1:]] or [10_000, 100_000]
    check()
    print(f"NumPy {np.__version__} FFT MSD, 1 core")
    for t in sizes:
        results = []
        cpu_rates = []
        for fast in (True, False):
            for chunk in (1, 8, 64):
                s, rate, nfft, cpu_rate = bench(t, passes=5 if t < 100_000 else 3, chunk=chunk, fast_len=fast)
                results.append((rate, s, nfft, chunk))
                cpu_rates.append((cpu_rate, nfft, chunk))
                print(f"  T={t} nfft={nfft} chunk={chunk}: {s:.4f} s/pass, {rate:.3e} atom-frames/s;"
                      f" {cpu_rate:.3e} atom-frames/CPU-s")
        rate, s, nfft, chunk = max(results)
        print(f"T={t} atoms=64: best {s:.4f} s/pass, {rate:.3e} atom-frames/s (nfft={nfft}, chunk={chunk})")
        cpu_rate, nfft, chunk = max(cpu_rates)
        print(f"T={t} atoms=64: best CPU {cpu_rate:.3e} atom-frames/CPU-s (nfft={nfft}, chunk={chunk})")
