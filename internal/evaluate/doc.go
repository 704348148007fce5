// Package evaluate is the "evaluate" stage: it matches each commune's
// self-assessment to the plan's communes, judges its values against the
// criteria set and region that apply (criteria.Evaluate), and checks the
// inputs against each other: a commune not in the plan, a duplicate or
// missing form, a period missing between the plan's baseline and the
// latest, the commune's own verdict differing from the computed one, and
// the plan's lists of missing criteria disagreeing with the baseline.
//
// It reads no file and writes none; it imports plan, criteria, assess and
// diag.
package evaluate
