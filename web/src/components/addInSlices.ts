import type L from 'leaflet';

/**
 * Adds many map layers a few at a time, letting the browser run between slices (a MessageChannel task, not a 4 ms
 * timer): the province's 92 commune outlines (~9,000 points) drawn at once were one task of ~0.4 s on a slow phone,
 * during which the page could not answer a tap. A slice ends after `perSlice` layers or `budgetMs` of work, whichever
 * comes first: 8 ms here is ~30 ms on a phone four times slower, under the 50 ms that counts as a long task.
 * Returns a function that stops adding (what was added stays: the caller clears or removes `into`).
 */
export function addInSlices(layers: L.Layer[], into: L.LayerGroup, perSlice = 8, budgetMs = 8): () => void {
  let next = 0;
  const channel = new MessageChannel();
  const slice = () => {
    const started = performance.now();
    const end = Math.min(next + perSlice, layers.length);
    // At least one layer per slice, so a slow one cannot stall the drawing.
    do into.addLayer(layers[next++]);
    while (next < end && performance.now() - started < budgetMs);
    if (next < layers.length) channel.port2.postMessage(null);
    else channel.port1.close();
  };
  channel.port1.onmessage = slice;
  if (layers.length) slice();
  else channel.port1.close();
  return () => channel.port1.close();
}
