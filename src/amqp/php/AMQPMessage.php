<?php

namespace PhpAmqpLib\Message;

use PhpAmqpLib\Channel\AMQPChannel;
use PhpAmqpLib\Exception\AMQPEmptyDeliveryTagException;
use PhpAmqpLib\Wire\AMQPReader;

/**
 * A message, published or received. mq's channel fills the delivery fields of received messages and
 * reads body and properties of published ones.
 */
class AMQPMessage
{
    const DELIVERY_MODE_NON_PERSISTENT = 1;
    const DELIVERY_MODE_PERSISTENT = 2;

    /** @var string */
    public $body;
    /** @var int */
    public $body_size;
    /** @var bool */
    public $is_truncated = false;
    /** @var string|null */
    public $content_encoding;

    private $deliveryTag;
    private $consumerTag;
    private $redelivered;
    private $exchange;
    private $routingKey;
    private $messageCount;
    /** @var AMQPChannel|null */
    private $channel;
    private $responded = false;

    /**
     * @var array
     * @deprecated php-amqplib's; declared after the private fields, as there, so var_dump(), (array)
     * and serialize() list the fields in php-amqplib's order
     */
    public $delivery_info = array();

    /** @var array */
    protected $properties = array();
    protected $serialized_properties;

    /** Property name => AMQP type, in wire order. */
    protected static $propertyDefinitions = array(
        'content_type' => 'shortstr',
        'content_encoding' => 'shortstr',
        'application_headers' => 'table_object',
        'delivery_mode' => 'octet',
        'priority' => 'octet',
        'correlation_id' => 'shortstr',
        'reply_to' => 'shortstr',
        'expiration' => 'shortstr',
        'message_id' => 'shortstr',
        'timestamp' => 'timestamp',
        'type' => 'shortstr',
        'user_id' => 'shortstr',
        'app_id' => 'shortstr',
        'cluster_id' => 'shortstr',
    );

    public function __construct($body = '', $properties = array())
    {
        $this->setBody($body);
        if (!empty($properties) && is_array($properties)) {
            // Unknown keys are dropped, as php-amqplib does.
            $this->properties = array_intersect_key($properties, self::$propertyDefinitions);
        }
    }

    public function ack($multiple = false)
    {
        $this->assertUnacked();
        $this->channel->basic_ack($this->deliveryTag, $multiple);
        $this->onResponse();
    }

    public function nack($requeue = false, $multiple = false)
    {
        $this->assertUnacked();
        $this->channel->basic_nack($this->deliveryTag, $multiple, $requeue);
        $this->onResponse();
    }

    public function reject($requeue = true)
    {
        $this->assertUnacked();
        $this->channel->basic_reject($this->deliveryTag, $requeue);
        $this->onResponse();
    }

    protected function assertUnacked()
    {
        if (!$this->channel || $this->responded) {
            throw new \LogicException('Message is not published or response was already sent');
        }
    }

    protected function onResponse()
    {
        $this->responded = true;
    }

    public function getChannel()
    {
        return $this->channel;
    }

    public function setChannel($channel)
    {
        if ($this->channel) {
            throw new \RuntimeException('A message is already assigned to channel');
        }
        $this->channel = $channel;
        $this->delivery_info['channel'] = $channel;
        return $this;
    }

    public function setDeliveryInfo($deliveryTag, $redelivered, $exchange, $routingKey)
    {
        $this->deliveryTag = $this->delivery_info['delivery_tag'] = $deliveryTag;
        $this->redelivered = $this->delivery_info['redelivered'] = $redelivered;
        $this->exchange = $this->delivery_info['exchange'] = $exchange;
        $this->routingKey = $this->delivery_info['routing_key'] = $routingKey;
        return $this;
    }

    public function isRedelivered()
    {
        return $this->redelivered;
    }

    public function getExchange()
    {
        return $this->exchange;
    }

    public function getRoutingKey()
    {
        return $this->routingKey;
    }

    public function getConsumerTag()
    {
        return $this->consumerTag;
    }

    public function setConsumerTag($consumerTag)
    {
        $this->consumerTag = $consumerTag;
        $this->delivery_info['consumer_tag'] = $consumerTag;
        return $this;
    }

    public function getMessageCount()
    {
        return $this->messageCount;
    }

    public function setMessageCount($messageCount)
    {
        $this->messageCount = (int) $messageCount;
        $this->delivery_info['message_count'] = $this->messageCount;
        return $this;
    }

    public function getBody()
    {
        return $this->body;
    }

    public function setBody($body)
    {
        $this->body = $body;
        return $this;
    }

    public function getContentEncoding()
    {
        return $this->content_encoding;
    }

    public function getBodySize()
    {
        return $this->body_size;
    }

    public function setBodySize($body_size)
    {
        $this->body_size = (int) $body_size;
        return $this;
    }

    public function isTruncated()
    {
        return $this->is_truncated;
    }

    public function setIsTruncated($is_truncated)
    {
        $this->is_truncated = (bool) $is_truncated;
        return $this;
    }

    public function setDeliveryTag($deliveryTag)
    {
        if (!empty($this->deliveryTag)) {
            throw new \LogicException('Delivery tag cannot be changed');
        }
        $this->deliveryTag = $deliveryTag;
        $this->delivery_info['delivery_tag'] = $deliveryTag;
        return $this;
    }

    public function getDeliveryTag()
    {
        if (empty($this->deliveryTag)) {
            throw new AMQPEmptyDeliveryTagException('This message was not delivered yet');
        }
        return $this->deliveryTag;
    }

    public function has($name)
    {
        return isset($this->properties[$name]) || isset($this->delivery_info[$name]);
    }

    public function get($name)
    {
        if (isset($this->properties[$name])) {
            return $this->properties[$name];
        }
        if (isset($this->delivery_info[$name])) {
            return $this->delivery_info[$name];
        }
        throw new \OutOfBoundsException(sprintf('No "%s" property', $name));
    }

    public function get_properties()
    {
        return $this->properties;
    }

    public function set($name, $value)
    {
        if (!array_key_exists($name, self::$propertyDefinitions)) {
            throw new \OutOfBoundsException(sprintf('No "%s" property', $name));
        }
        $this->properties[$name] = $value;
        $this->serialized_properties = null;
    }

    /**
     * Replaces the properties with those of a content header's property flags and list, read from $reader
     * (application_headers as an AMQPTable).
     *
     * @return $this
     */
    public function load_properties(AMQPReader $reader)
    {
        $this->properties = \Mq\Internal\MessageProperties::read($reader, self::$propertyDefinitions);

        return $this;
    }

    /**
     * The properties as a content header's property flags and list; set() drops the cached copy. Null
     * properties are absent (false, 0 and '' are sent).
     *
     * @return string
     */
    public function serialize_properties()
    {
        if (!empty($this->serialized_properties)) {
            return $this->serialized_properties;
        }

        return $this->serialized_properties = \Mq\Internal\MessageProperties::write($this->properties, self::$propertyDefinitions);
    }
}
