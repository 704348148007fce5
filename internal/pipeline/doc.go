// Package pipeline wires the stages of ntm together: load and validate
// (plan, criteria, assessments) → evaluate → build the report model →
// render → write. It is the only package that imports all the others;
// data flows one way through it. cmd/ntm calls it and prints what it
// returns.
package pipeline
