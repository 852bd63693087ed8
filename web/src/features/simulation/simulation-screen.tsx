export default function Screen() {
  return <h1>TODO simulation/simulation-screen</h1>;
}
