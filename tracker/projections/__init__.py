"""Read models: the story state folded from the event store, kept in step by the projector."""
