/**
 * A result list built by push, trimmed for keeping. The first push gives an
 * array room for 17 items; a kept list of two would carry (and the garbage
 * collector copy) that spare room for as long as the evaluation lives — about a
 * third of an evaluation's memory before lists were trimmed. The copy is exact
 * in size; the untrimmed one dies young. An empty list has no room to trim.
 */
export function trimmed<T>(list: T[]): T[] {
  return list.length === 0 ? list : list.slice();
}
