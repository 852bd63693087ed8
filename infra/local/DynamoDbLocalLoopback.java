import java.lang.reflect.Field;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import software.amazon.dynamodb.services.local.main.ServerRunner;
import software.amazon.dynamodb.services.local.server.DynamoDBProxyServer;

/**
 * DynamoDB Local bound to one address (127.0.0.1 unless -Drelances.host says otherwise).
 * The jar has no option for it: its Jetty server listens on every interface. This starts it
 * through the documented embedded entry point and sets the host of its connectors before
 * start. Run from source (`java -cp DynamoDBLocal.jar DynamoDbLocalLoopback.java …`): no
 * build step; infra/local/dynamodb-local.ts does it. Arguments are DynamoDB Local's own.
 */
public class DynamoDbLocalLoopback {
  public static void main(String[] args) throws Exception {
    String host = System.getProperty("relances.host", "127.0.0.1");
    DynamoDBProxyServer proxy = ServerRunner.createServerFromCommandLineArgs(args);
    Field field = DynamoDBProxyServer.class.getDeclaredField("server");
    field.setAccessible(true);
    Server server = (Server) field.get(proxy);
    for (Connector connector : server.getConnectors()) ((ServerConnector) connector).setHost(host);
    proxy.start();
  }
}
