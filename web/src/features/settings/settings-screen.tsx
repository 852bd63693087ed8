export default function Screen() {
  return <h1>TODO settings/settings-screen</h1>;
}
