// Package textnorm normalizes the mixed Chinese and English text of interview
// notes and replies so that the bank and the grader compare like with like.
//
// Normalization is Unicode NFKC (full-width letters, digits and punctuation
// become their half-width forms), then case folding. On top of that the
// package splits text into content units — Latin words and CJK character
// bigrams with stop characters dropped — which is how the grader measures a
// paraphrase that does not repeat a phrase word for word.
package textnorm
