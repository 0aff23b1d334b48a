// measure runs fn (sync or async) in timed batches and returns the median
// nanoseconds per operation over the batches.
export async function measure(fn, { batches = 7, minMs = 300 } = {}) {
  for (let i = 0; i < 500; i++) await fn(); // warm the JIT
  let n = 100;
  const perOp = [];
  for (let b = 0; b < batches; b++) {
    let t0, ms;
    for (;;) {
      t0 = process.hrtime.bigint();
      for (let i = 0; i < n; i++) await fn();
      ms = Number(process.hrtime.bigint() - t0) / 1e6;
      if (ms >= minMs) break;
      n = Math.ceil(n * Math.max(2, (minMs * 1.2) / Math.max(ms, 1)));
    }
    perOp.push((ms * 1e6) / n);
  }
  perOp.sort((a, b) => a - b);
  return perOp[perOp.length >> 1];
}
