package serve

import (
	"context"
	"fmt"
	"net/http"
	"runtime/debug"

	"github.com/rs/zerolog"

	"github.com/ossflow/ossflow/pkg/events"
	"github.com/ossflow/ossflow/pkg/fault"
)

type objectsHandler struct {
	h func(ctx context.Context, ev events.ObjectEvent) error
}

func (o objectsHandler) raw() http.Handler { return nil }

func (o objectsHandler) event(ctx context.Context, payload []byte, _ events.Platform) ([]byte, error) {
	evs, err := events.ParseObjectEvents(payload)
	if err != nil {
		return nil, err
	}
	log := zerolog.Ctx(ctx)
	retry := 0
	for i, ev := range evs {
		err := guard(ctx, func() error { return o.h(ctx, ev) })
		if err == nil {
			continue
		}
		l := log.With().Int("record", i).Str("bucket", ev.Bucket).Str("key", ev.Key).
			Str("event", ev.Name).Str("kind", fault.KindOf(err).String()).Logger()
		if fault.DispositionOf(err) == fault.Drop {
			l.Warn().Err(err).Msg("record dropped: the failure is permanent, a retry cannot help")
			continue
		}
		l.Error().Err(err).Msg("record failed: the event will be retried")
		retry++
	}
	if retry > 0 {
		// The text goes to the platform's invocation record: counts only, the
		// details are in the log lines above.
		return nil, fmt.Errorf("%d of %d records failed with a transient error; the event is to be retried", retry, len(evs))
	}
	return nil, nil
}

type ticksHandler struct {
	h func(ctx context.Context, t events.Tick) error
}

func (t ticksHandler) raw() http.Handler { return nil }

func (t ticksHandler) event(ctx context.Context, payload []byte, _ events.Platform) ([]byte, error) {
	tick, err := events.ParseTick(payload)
	if err != nil {
		return nil, err
	}
	err = guard(ctx, func() error { return t.h(ctx, tick) })
	if err == nil {
		return nil, nil
	}
	l := zerolog.Ctx(ctx).With().Str("trigger", tick.Name).Str("kind", fault.KindOf(err).String()).Logger()
	if fault.DispositionOf(err) == fault.Drop {
		l.Warn().Err(err).Msg("tick dropped: the failure is permanent, a retry cannot help")
		return nil, nil
	}
	l.Error().Err(err).Msg("tick failed: the timer invocation will be retried")
	return nil, fmt.Errorf("timer %q failed with a %s error; to be retried", tick.Name, fault.KindOf(err))
}

// guard runs fn and turns a panic into an Internal error, so one bad record
// fails like any other bug (logged with its stack, retried) instead of
// taking the invocation's other records down with it.
func guard(ctx context.Context, fn func() error) (err error) {
	defer func() {
		if r := recover(); r != nil {
			zerolog.Ctx(ctx).Error().Str("panic", fmt.Sprint(r)).Str("stack", string(debug.Stack())).
				Msg("handler panicked")
			err = fault.Wrap(fault.Internal, "", fmt.Errorf("handler panicked: %v", r))
		}
	}()
	return fn()
}
