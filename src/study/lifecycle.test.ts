import { afterEach, describe, expect, it } from 'vitest';
import { openTrialStore } from '../storage/index.js';
import type { TrialStore } from '../storage/types.js';
import { COORDINATOR_STARTED_EVENT, STUDY_FINISHED_EVENT, isStudyFinished, latestCoordinatorStart } from './lifecycle.js';

describe('isStudyFinished', () => {
  let store: TrialStore | undefined;
  afterEach(async () => store?.close());

  it('follows the last coordinator: started means open, a later finished means done, a new start reopens', async () => {
    store = await openTrialStore('sqlite::memory:');
    const { id } = await store.createStudy('s', {});
    expect(await latestCoordinatorStart(store, id)).toBeNull();
    await store.appendEvent(id, COORDINATOR_STARTED_EVENT, { run: 1 });
    expect(await isStudyFinished(store, id, 0)).toBe(false);
    await store.appendEvent(id, STUDY_FINISHED_EVENT, {});
    expect(await isStudyFinished(store, id, 0)).toBe(true);
    await store.appendEvent(id, COORDINATOR_STARTED_EVENT, { run: 2 });
    expect(await isStudyFinished(store, id, 0)).toBe(false);
    expect((await latestCoordinatorStart(store, id))?.payload).toEqual({ run: 2 });
  });

  it('without a coordinator: done once the stored budget is reached and no trial is open', async () => {
    store = await openTrialStore('sqlite::memory:');
    const { id } = await store.createStudy('s', {});
    await store.addTrials(id, [
      { key: 'a', genome: [0], config: null, batch: 0 },
      { key: 'b', genome: [1], config: null, batch: 0 },
    ]);
    await store.completeTrial(id, 0, { x: 1 });
    expect(await isStudyFinished(store, id, 2)).toBe(false);
    await store.failTrial(id, 1, 'broken');
    expect(await isStudyFinished(store, id, 2)).toBe(true);
    expect(await isStudyFinished(store, id, 3)).toBe(false);
  });
});
