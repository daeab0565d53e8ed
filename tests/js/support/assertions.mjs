import assert from "node:assert/strict";

/** Awaits `promise`, which must reject, and returns what it rejected with. */
export async function rejectionOf(promise) {
  try {
    const value = await promise;
    assert.fail(`expected a rejection, got ${JSON.stringify(value)}`);
  } catch (error) {
    if (error instanceof assert.AssertionError) throw error;
    return error;
  }
}
