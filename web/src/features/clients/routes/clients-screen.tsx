export default function Screen() {
  return <h1>TODO clients/routes/clients-screen</h1>;
}
