export default function Screen() {
  return <h1>TODO clients/routes/client-screen</h1>;
}
