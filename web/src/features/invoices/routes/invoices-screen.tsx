export default function Screen() {
  return <h1>TODO invoices/routes/invoices-screen</h1>;
}
