export default function Stub() {
  return <p>todo</p>;
}
