package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/interviewbot/interviewbot/storage"
)

// dbFlags are the flags backup and export share.
type dbFlags struct {
	config, db string
}

// register adds --config and --db to a command.
func (f *dbFlags) register(c *command) {
	c.StringVar(&f.config, "config", "", "configuration `FILE` (its storage.path is the database)")
	c.StringVar(&f.db, "db", "", "database `PATH` (default "+defaultDBPath()+")")
}

// checkBackupTarget refuses a backup FILE that cannot be written, naming
// it, and one that exists unless force is set.
func checkBackupTarget(out string, force bool) error {
	dir := filepath.Dir(out)
	if info, err := os.Stat(dir); err != nil || !info.IsDir() {
		return fmt.Errorf("cannot write the backup %s: directory %s does not exist", out, dir)
	}
	info, err := os.Stat(out)
	switch {
	case err == nil && info.IsDir():
		return fmt.Errorf("cannot write the backup %s: it is a directory", out)
	case err == nil && !force:
		return fmt.Errorf("%s exists: give --force to replace it, or another FILE", out)
	}
	return nil
}

func (f *dbFlags) path() (string, Config, error) {
	cfg := DefaultConfig()
	if f.config != "" {
		var err error
		if cfg, err = LoadConfig(f.config); err != nil {
			return "", cfg, err
		}
	}
	p := f.db
	if p == "" {
		p = cfg.Storage.Path
	}
	if p == "" {
		p = defaultDBPath()
	}
	if _, err := os.Stat(p); errors.Is(err, fs.ErrNotExist) {
		return "", cfg, fmt.Errorf("no database at %s yet: the bot makes it when it first runs (or name one with --db)", p)
	} else if err != nil {
		return "", cfg, fmt.Errorf("database %s: %w", p, err)
	}
	return p, cfg, nil
}

// backupCmd writes a consistent copy of the database to FILE: directly
// when no bot runs, through the running bot's control socket when one
// does (a hot backup from inside its transaction).
func backupCmd(ctx context.Context, e env, args []string) error {
	fs := newCommand("backup", "[--config FILE] [--db PATH] [--force] FILE",
		"Write a consistent copy of the database to FILE, also while the bot runs.")
	var f dbFlags
	f.register(fs)
	force := fs.Bool("force", false, "replace FILE if it exists")
	pos, err := fs.parse(args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return fs.usageError("give the backup FILE")
	}
	out := pos[0]
	path, cfg, err := f.path()
	if err != nil {
		return err
	}
	// The database itself is refused even with --force: a bot may be
	// writing to it.
	if err := storage.RefuseLive(out, path); errors.Is(err, storage.ErrSameFile) {
		// storage wraps it in ErrInvalid ("invalid record"), which is no
		// news to a person who typed a path.
		return fmt.Errorf("backup to %s: that is the database itself (%s): choose another file", out, path)
	} else if err != nil {
		return err
	}
	if err := checkBackupTarget(out, *force); err != nil {
		return err
	}
	db, err := openStore(path, storage.Options{LockTimeout: cfg.Storage.LockTimeout})
	switch {
	case err == nil:
		defer db.Close()
		if err := db.BackupFile(ctx, out); err != nil {
			return err
		}
	case errors.Is(err, storage.ErrLocked):
		err := storage.WriteBackupFile(out, path, func(w io.Writer) error {
			return receiveBackup(ctx, path, w)
		})
		if errors.Is(err, errNoControl) {
			return fmt.Errorf("%s is in use by a running bot, and %w", path, err)
		}
		if err != nil {
			return err
		}
	default:
		return err
	}
	info, err := os.Stat(out)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "backup of %s written to %s (%d bytes)\n", path, out, info.Size())
	return nil
}

// exportCmd prints all progress as JSON: users with their attempts.
func exportCmd(ctx context.Context, e env, args []string) error {
	fs := newCommand("export", "[--config FILE] [--db PATH]", "Print all progress as JSON: people with their attempts, cards and sessions.")
	var f dbFlags
	f.register(fs)
	pos, err := fs.parse(args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return fs.usageError("unexpected argument %q", pos[0])
	}
	path, cfg, err := f.path()
	if err != nil {
		return err
	}
	db, err := openStore(path, storage.Options{LockTimeout: cfg.Storage.LockTimeout})
	switch {
	case err == nil:
		defer db.Close()
		users, err := db.Export(ctx)
		if errors.Is(err, storage.ErrCorrupt) {
			return fmt.Errorf("%w\n%s", err, restoreHint(path))
		}
		if err != nil {
			return err
		}
		return writeJSON(e.stdout, users)
	case errors.Is(err, storage.ErrLocked):
		rc, conn, _, err := askControl(ctx, path, "export")
		if err != nil {
			return fmt.Errorf("%s is in use by a running bot, and %w", path, err)
		}
		defer conn.Close()
		// Re-encode so a truncated stream is an error, not half a document.
		var users []json.RawMessage
		if err := json.NewDecoder(rc).Decode(&users); err != nil {
			return fmt.Errorf("export from running bot: %w", err)
		}
		return writeJSON(e.stdout, users)
	default:
		return err
	}
}

// openStore opens the database; when the file is damaged, the error
// says how to restore it from a backup.
func openStore(path string, opts storage.Options) (*storage.DB, error) {
	db, err := storage.Open(path, opts)
	if errors.Is(err, storage.ErrCorrupt) {
		return nil, fmt.Errorf("%w\n%s", err, restoreHint(path))
	}
	return db, err
}

// restoreHint tells how to put a backup in place of a damaged database.
func restoreHint(path string) string {
	return fmt.Sprintf("The database file is damaged. To restore it from a backup (written by `interviewbot backup`):\n"+
		"  1. stop the bot;\n"+
		"  2. move the damaged file aside to keep it: mv %[1]s %[1]s.damaged\n"+
		"  3. check the backup and put it in place: interviewbot export --db BACKUP >/dev/null && cp BACKUP %[1]s\n"+
		"  4. start the bot again (run --check reads the whole file first).", path)
}
