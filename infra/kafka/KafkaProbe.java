import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.ListTopicsOptions;

/**
 * Readiness probe of the local broker: polls a real metadata request (describeCluster, then
 * listTopics) until the broker answers with at least one node, the deadline passes or the broker
 * process exits.
 *
 * <p>Usage: {@code java -cp 'libs/*:classes' KafkaProbe BOOTSTRAP TIMEOUT_MS [BROKER_PID]}. Exits 0
 * when ready, 1 on timeout, 2 when BROKER_PID is given and that process is gone.
 */
public final class KafkaProbe {
  private static final long ATTEMPT_TIMEOUT_MS = 2_000;
  private static final long POLL_INTERVAL_MS = 250;

  private KafkaProbe() {}

  public static void main(String[] args) throws InterruptedException {
    String bootstrap = args[0];
    long deadlineMs = System.currentTimeMillis() + Long.parseLong(args[1]);
    Long brokerPid = args.length > 2 ? Long.valueOf(args[2]) : null;

    Properties props = new Properties();
    props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) ATTEMPT_TIMEOUT_MS);
    props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) ATTEMPT_TIMEOUT_MS);
    props.put(AdminClientConfig.RECONNECT_BACKOFF_MS_CONFIG, 100);
    props.put(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 250);

    String lastError = "no attempt";
    try (Admin admin = Admin.create(props)) {
      while (System.currentTimeMillis() < deadlineMs) {
        if (brokerPid != null && !ProcessHandle.of(brokerPid).map(ProcessHandle::isAlive).orElse(false)) {
          System.err.println("broker process " + brokerPid + " exited");
          System.exit(2);
        }
        try {
          int nodes = admin.describeCluster(new DescribeClusterOptions().timeoutMs((int) ATTEMPT_TIMEOUT_MS))
              .nodes().get(ATTEMPT_TIMEOUT_MS, TimeUnit.MILLISECONDS).size();
          int topics = admin.listTopics(new ListTopicsOptions().timeoutMs((int) ATTEMPT_TIMEOUT_MS).listInternal(true))
              .names().get(ATTEMPT_TIMEOUT_MS, TimeUnit.MILLISECONDS).size();
          if (nodes > 0) {
            System.out.println("ready: " + nodes + " node(s), " + topics + " topic(s)");
            System.exit(0);
          }
          lastError = "cluster reported no nodes";
        } catch (Exception e) {
          lastError = e.getClass().getSimpleName() + ": " + e.getMessage();
        }
        Thread.sleep(POLL_INTERVAL_MS);
      }
    }
    System.err.println("not ready: " + lastError);
    System.exit(1);
  }
}
