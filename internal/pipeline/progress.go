package pipeline

// Progress is told how a long command advances, stage by stage, so that
// the command line can show a bar. Its methods are called from several
// goroutines. A nil Progress in Config shows nothing.
type Progress interface {
	// Stage starts a stage of total steps, named for the clerk.
	Stage(name string, total int)
	// Step advances the current stage by n.
	Step(n int)
	// Finish ends the current stage.
	Finish()
}

type noProgress struct{}

func (noProgress) Stage(string, int) {}
func (noProgress) Step(int)          {}
func (noProgress) Finish()           {}

func (cfg Config) progress() Progress {
	if cfg.Progress == nil {
		return noProgress{}
	}
	return cfg.Progress
}
