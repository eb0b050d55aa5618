/** The mini map's box while its code loads (Suspense fallback): the same size, so the timeline below stays put. */
export function MiniMapSpace() {
  return (
    <div className="map-box fb-mini-map" aria-hidden="true">
      <div className="map" />
    </div>
  );
}
