// Writes stage runs straight into the runs history's IndexedDB database (the one
// platform/run-history.ts opens with idb-keyval), so a test can show the Results step without
// training a whole experiment on SwiftShader. The page must be on the studio's origin; reload it
// afterwards so the worker lists the runs.
import type { Page } from 'playwright-core';
import type { RunHistoryEntry } from '../../src/worker/protocol';

export async function seedRunsHistory(page: Page, entries: readonly RunHistoryEntry[]) {
  await page.evaluate(async (entries) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open('chromaxr-runs');
      request.onupgradeneeded = () => request.result.createObjectStore('runs');
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    await new Promise((resolve, reject) => {
      const tx = db.transaction('runs', 'readwrite');
      for (const entry of entries) tx.objectStore('runs').put(entry, entry.id);
      tx.oncomplete = resolve;
      tx.onerror = () => reject(tx.error);
    });
    db.close();
  }, entries);
}
