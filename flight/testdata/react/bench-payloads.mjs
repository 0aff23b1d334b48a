// The benchmark payloads, built the same way on every side. The Go benchmark
// (flight/bench_test.go) builds equal values; keep the two in step.

// A form with 10 fields, as a user fills in a sign-up or post form.
export function form10() {
  const fd = new FormData();
  fd.append("title", "A title for the post");
  fd.append("content", "Some content that a person typed into a textarea, a sentence or two long.");
  fd.append("email", "ann@example.com");
  fd.append("name", "Ann Example");
  fd.append("age", "34");
  fd.append("country", "NZ");
  fd.append("newsletter", "on");
  fd.append("tags", "go");
  fd.append("tags", "react");
  fd.append("message", "Hello there");
  return fd;
}

// An argument list with a nested object, a Map and a Date.
export function args() {
  return [
    { title: "Hello", author: { name: "Ann", tags: ["a", "b"] }, published: true, score: 4.5 },
    new Map([["k1", 1], ["k2", 2], ["k3", 3]]),
    new Date(Date.UTC(2025, 0, 2, 3, 4, 5, 6)),
  ];
}

// A list of 100 posts as an action or page returns it.
export function list100() {
  const out = [];
  for (let i = 0; i < 100; i++) {
    out.push({
      id: i + 1,
      title: "Post number " + (i + 1),
      content: "The body of post " + (i + 1) + ", long enough to look like a real excerpt.",
      likes: i * 3,
      createdAt: new Date(Date.UTC(2025, 0, 1, 0, 0, i)),
    });
  }
  return out;
}
