import type L from 'leaflet';

/**
 * Adds many map layers a few at a time, letting the browser run between slices (a MessageChannel task, not a 4 ms
 * timer): the province's 92 commune outlines (~9,000 points) drawn at once were one task of ~0.4 s on a slow phone,
 * during which the page could not answer a tap. Returns a function that stops adding (what was added stays: the caller clears or removes `into`).
 */
export function addInSlices(layers: L.Layer[], into: L.LayerGroup, perSlice = 8): () => void {
  let next = 0;
  const channel = new MessageChannel();
  const slice = () => {
    const end = Math.min(next + perSlice, layers.length);
    for (; next < end; next++) into.addLayer(layers[next]);
    if (next < layers.length) channel.port2.postMessage(null);
    else channel.port1.close();
  };
  channel.port1.onmessage = slice;
  slice();
  return () => channel.port1.close();
}
