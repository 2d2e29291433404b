package main

import "github.com/interviewbot/interviewbot/bank"

// jsonQuestion is the JSON form of a question that `bank list --json`
// prints; other tools rely on its field names.
type jsonQuestion struct {
	ID         string   `json:"id"`
	AliasIDs   []string `json:"alias_ids"`
	Topic      string   `json:"topic"`
	Prompt     string   `json:"prompt"`
	AltPrompts []string `json:"alt_prompts"`
	Note       string   `json:"note,omitempty"`
	Answer     string   `json:"answer"`
	// HasReference is false for a question the notes give no answer to.
	HasReference bool           `json:"has_reference"`
	Label        string         `json:"label,omitempty"`
	Outline      string         `json:"outline"`
	Spoken       string         `json:"spoken"`
	KeyPoints    []jsonKeyPoint `json:"key_points"`
	Variants     []jsonVariant  `json:"variants"`
	Parent       string         `json:"parent,omitempty"`
	FollowUps    []string       `json:"follow_ups"`
	Sources      []string       `json:"sources"`
}

type jsonKeyPoint struct {
	Text     string   `json:"text"`
	Aliases  []string `json:"aliases"`
	Sentence string   `json:"sentence,omitempty"`
	Origin   string   `json:"origin"`
}

type jsonVariant struct {
	Label     string         `json:"label"`
	Answer    string         `json:"answer"`
	Outline   string         `json:"outline"`
	Spoken    string         `json:"spoken"`
	KeyPoints []jsonKeyPoint `json:"key_points"`
	Source    string         `json:"source"`
}

func toJSONQuestion(q *bank.Question) jsonQuestion {
	j := jsonQuestion{
		ID:           q.ID,
		AliasIDs:     nonNil(q.AliasIDs),
		Topic:        q.Topic,
		Prompt:       q.Prompt,
		AltPrompts:   nonNil(q.AltPrompts),
		Note:         q.Note,
		Answer:       q.Answer.Text,
		HasReference: q.HasReference(),
		Label:        q.Answer.Label,
		Outline:      q.Answer.Outline,
		Spoken:       q.Answer.Spoken,
		KeyPoints:    toJSONPoints(q.Answer.KeyPoints),
		Variants:     []jsonVariant{},
		Parent:       q.Parent,
		FollowUps:    nonNil(q.FollowUps),
	}
	for _, v := range q.Variants {
		j.Variants = append(j.Variants, jsonVariant{
			Label: v.Label, Answer: v.Text, Outline: v.Outline, Spoken: v.Spoken,
			KeyPoints: toJSONPoints(v.KeyPoints), Source: v.Source.String(),
		})
	}
	for _, s := range q.Sources {
		j.Sources = append(j.Sources, s.String())
	}
	return j
}

func toJSONPoints(pts []bank.KeyPoint) []jsonKeyPoint {
	out := make([]jsonKeyPoint, 0, len(pts))
	for _, kp := range pts {
		out = append(out, jsonKeyPoint{Text: kp.Text, Aliases: nonNil(kp.Aliases), Sentence: kp.Sentence, Origin: kp.Origin})
	}
	return out
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}
