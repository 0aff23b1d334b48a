// Prints the side-by-side table of the codec benchmark: React's figures
// (JSON from bench-codec.mjs, argv[2]) against `go test -bench` output on
// stdin, medians of every run, and the ratio React/Go per operation.
import { readFileSync } from "node:fs";

const react = JSON.parse(readFileSync(process.argv[2], "utf8"));
const pairs = [
  ["decode/form10-reply", "DecodeReplyForm10", "decode a 10-field FormData argument (multipart)"],
  ["decode/form10-action", "DecodeActionForm10", "decode a no-JS form post, 10 fields"],
  ["decode/args", "DecodeReplyArgs", "decode args: nested object, Map, Date"],
  ["encode/args-rows", "EncodeRowsArgs", "encode the same args as Flight rows"],
  ["decode/list100-reply", "DecodeReplyList100", "decode a 100-item list argument (text reply)"],
  // React has no typed decode: UnmarshalReplyArgs into the action's
  // []struct parameter, what the runtime does, is compared with the same
  // decodeReply figure.
  ["decode/list100-reply", "UnmarshalReplyList100", "decode it into a []struct parameter, as the runtime does (React: same decode)"],
  ["encode/args-reply", "EncodeReplyArgs", "encode the args as a reply (client)"],
  ["encode/list100", "EncodeRowsList100", "encode a 100-item list as Flight rows"],
  ["decode/list100-rows", "DecodeRowsList100", "decode the list's rows (client)"],
  // React has no typed decode: UnmarshalRows into []struct is compared
  // with the same createFromReadableStream figure.
  ["decode/list100-rows", "UnmarshalRowsList100", "decode the list's rows into []struct (client; React: same decode)"],
];
const go = {};
for (const line of readFileSync(0, "utf8").split("\n")) {
  const m = line.match(/^Benchmark(\w+?)(?:-\d+)?\s+\d+\s+([\d.]+) ns\/op(?:.*?\s([\d.]+) B\/op\s+([\d.]+) allocs\/op)?/);
  if (!m) continue;
  (go[m[1]] ??= []).push({ ns: +m[2], bytes: m[3], allocs: m[4] });
}
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[s.length >> 1]; };
const us = (ns) => (ns / 1000).toFixed(ns < 10000 ? 2 : 1);
console.log("| operation | React 19.3.1 µs/op | Go µs/op | Go allocs/op | Go B/op | React ÷ Go |");
console.log("|---|---:|---:|---:|---:|---:|");
let worst = Infinity;
for (const [rk, gk, what] of pairs) {
  const runs = go[gk];
  if (!runs || react[rk] === undefined) { console.log(`| ${what} | missing | | | | |`); worst = 0; continue; }
  const g = median(runs.map((r) => r.ns));
  const ratio = react[rk] / g;
  worst = Math.min(worst, ratio);
  console.log(`| ${what} | ${us(react[rk])} | ${us(g)} | ${runs[0].allocs ?? "?"} | ${runs[0].bytes ?? "?"} | ${ratio.toFixed(1)}x |`);
}
console.log(`\nSmallest ratio: ${worst.toFixed(1)}x (target: at least 5x).`);
