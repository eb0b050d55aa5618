import type L from 'leaflet';

/** A pin that needs no image file (Leaflet's default marker images are not bundled). */
export function pinIcon(leaflet: typeof L, color = '#b42318') {
  return leaflet.divIcon({
    className: 'fb-pin',
    html: `<svg width="32" height="42" viewBox="0 0 32 42" aria-hidden="true"><path d="M16 1C7.7 1 1 7.6 1 15.8 1 27 16 41 16 41s15-14 15-25.2C31 7.6 24.3 1 16 1Z" fill="${color}" stroke="#fff" stroke-width="2"/><circle cx="16" cy="16" r="5.5" fill="#fff"/></svg>`,
    iconSize: [32, 42],
    iconAnchor: [16, 41],
  });
}
