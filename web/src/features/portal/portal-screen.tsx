export default function Screen() {
  return <h1>TODO portal/portal-screen</h1>;
}
