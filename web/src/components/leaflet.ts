// Leaflet and its stylesheet in one chunk of their own, loaded by useLeaflet once a page is on screen.
import 'leaflet/dist/leaflet.css';
import L from 'leaflet';

export default L;
