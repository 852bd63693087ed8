export default function Screen() {
  return <h1>TODO quotes/routes/quotes-screen</h1>;
}
