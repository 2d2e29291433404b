package main

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/interviewbot/interviewbot/bank"
	"github.com/interviewbot/interviewbot/bot/console"
	"github.com/interviewbot/interviewbot/seeds"
)

// bankInputs turns command-line or configured paths (files or directories)
// into bank inputs; no paths means the embedded seeds. A path that does not
// exist is an error: the person named it, so loading something else would
// mislead.
func bankInputs(paths []string) ([]bank.Input, error) {
	if len(paths) == 0 {
		return []bank.Input{{FS: seeds.FS, Prefix: "seeds"}}, nil
	}
	var inputs []bank.Input
	for _, p := range paths {
		p = console.ExpandHome(p)
		info, err := os.Stat(p)
		if err != nil {
			return nil, fmt.Errorf("bank path: %w", err)
		}
		if info.IsDir() {
			inputs = append(inputs, bank.Input{FS: os.DirFS(p), Prefix: filepath.Clean(p)})
			continue
		}
		dir, base := filepath.Split(p)
		if dir == "" {
			dir = "."
		}
		prefix := filepath.Clean(dir)
		if prefix == "." {
			prefix = ""
		}
		inputs = append(inputs, bank.Input{FS: os.DirFS(dir), Prefix: prefix, Files: []string{base}})
	}
	return inputs, nil
}

// loadBank loads the bank from paths (or the seeds), refusing notes files
// over defaultNotesMaxMB.
func loadBank(paths []string) (*bank.Bank, bank.Problems, error) {
	return loadBankLimited(paths, defaultNotesMaxMB<<20)
}

// loadBankLimited loads the bank from paths (or the seeds); a notes file
// over max bytes is not read and is reported as a problem with its name.
func loadBankLimited(paths []string, max int64) (*bank.Bank, bank.Problems, error) {
	inputs, err := limitedInputs(paths, max)
	if err != nil {
		return nil, nil, err
	}
	b, probs := bank.Load(inputs...)
	return b, probs, nil
}

// loadQuestionsLimited reads the questions of the bank at paths (or the
// seeds), as loadBankLimited does, and leaves their key points to
// Loading.Complete.
func loadQuestionsLimited(paths []string, max int64) (*bank.Loading, error) {
	inputs, err := limitedInputs(paths, max)
	if err != nil {
		return nil, err
	}
	return bank.LoadQuestions(inputs...), nil
}

// limitedInputs returns the bank inputs of paths, each refusing a notes
// file over max bytes; the seeds are not limited.
func limitedInputs(paths []string, max int64) ([]bank.Input, error) {
	inputs, err := bankInputs(paths)
	if err != nil {
		return nil, err
	}
	if len(paths) > 0 {
		for i := range inputs {
			inputs[i].FS = limitFS{fsys: inputs[i].FS, max: max}
		}
	}
	return inputs, nil
}
