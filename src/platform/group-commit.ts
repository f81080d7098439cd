/**
 * Group commit for one hot key (a partner's 可拨款账户): requests of the same key that arrive while a
 * unit of work for that key is running wait and are done together in the next unit, one transaction
 * for all of them. The first request of a quiet key starts at once, so nothing waits for a timer; under
 * load the units grow by themselves. In this process only: several server processes each group their
 * own requests, and the database's row lock orders the units between them.
 *
 * `runBatch` gets the waiting items (at most `max`) in arrival order and answers each one; for a
 * single item it is called with that one. An error thrown by `runBatch` as a whole fails every item of
 * the unit, so it must do its own fallback (e.g. one transaction per item when the group cannot commit).
 */
export class GroupCommit<I, O> {
  readonly #queues = new Map<string, { item: I; resolve: (o: O) => void; reject: (e: unknown) => void }[]>();

  constructor(
    private readonly runBatch: (key: string, items: I[]) => Promise<PromiseSettledResult<O>[]>,
    private readonly max = 50,
  ) {}

  submit(key: string, item: I): Promise<O> {
    return new Promise<O>((resolve, reject) => {
      const queue = this.#queues.get(key);
      if (queue) {
        queue.push({ item, resolve, reject }); // a unit is running: the next one takes it
        return;
      }
      const fresh = [{ item, resolve, reject }];
      this.#queues.set(key, fresh);
      void this.#drain(key, fresh);
    });
  }

  async #drain(key: string, queue: { item: I; resolve: (o: O) => void; reject: (e: unknown) => void }[]) {
    while (queue.length) {
      const unit = queue.splice(0, this.max);
      try {
        const results = await this.runBatch(
          key,
          unit.map((u) => u.item),
        );
        unit.forEach((u, n) => {
          const r = results[n];
          if (r?.status === 'fulfilled') u.resolve(r.value);
          else u.reject(r ? r.reason : new Error('group commit: no answer for an item'));
        });
      } catch (e) {
        for (const u of unit) u.reject(e);
      }
    }
    this.#queues.delete(key);
  }
}
