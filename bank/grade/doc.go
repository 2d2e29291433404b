// Package grade judges a typed reply against a question's key points, the
// way an interviewer skims an answer for the points that matter.
//
// A key point is covered when the normalized reply contains it or one of its
// aliases, or enough of its content units (Latin words and CJK bigrams,
// weighted by how specific they are to the bank) to count as a paraphrase;
// partly covered when a fair share is there; missed otherwise. Coverage is
// the share of points covered, a partly covered point counting half, graded
// against whichever reference answer (primary or variant) the reply follows
// best.
package grade
