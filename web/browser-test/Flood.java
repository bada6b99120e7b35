import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import java.nio.charset.StandardCharsets;

/**
 * Publishes a burst of small JSON events to a gateway's broker, for the browser test that checks
 * the console stays responsive under thousands of events. Run from the gateway jar's class path
 * (it holds RabbitMQ's client): java -cp monorail-ws.jar Flood.java AMQP_URI EXCHANGE KEY COUNT
 */
public class Flood {
    public static void main(String[] args) throws Exception {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setUri(args[0]);
        int count = Integer.parseInt(args[3]);
        try (Connection connection = factory.newConnection("browser-test-flood");
                Channel channel = connection.createChannel()) {
            channel.confirmSelect();
            for (int i = 1; i <= count; i++) {
                String body = "{\"n\":" + i + ",\"message\":\"flood event " + i + "\"}";
                channel.basicPublish(
                        args[1], args[2] + "." + i, null, body.getBytes(StandardCharsets.UTF_8));
            }
            channel.waitForConfirmsOrDie(30_000);
        }
        System.out.println("published " + count);
    }
}
